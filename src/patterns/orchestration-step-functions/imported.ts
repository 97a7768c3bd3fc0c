/**
 * A workflow the user brought (Import ASL) as a runnable pattern: the same front as the seed's
 * orchestration (orders start executions of a Step Functions state machine), with the imported
 * definition, and one simulated Lambda per Task resource whose duration, error rate and
 * concurrency are sliders and whose result the user set. Everything here is data, so the
 * imported workflow travels in a link (src/state/aslLink.ts) and runs the same everywhere.
 */
import {
  validateDefinition,
  type DefinitionProblem,
  type StateDefinition,
  type StateMachineDefinition,
} from '../../aws/stepFunctions';
import type { ConfigValue, GraphEdge, GraphNode, ParamSpec, Pattern } from '../../kit';
import { encodeLinkJson, LINK_DEFINITION_KEYS } from '../../kit/linkCodec';
import { charts, flows } from './explanation';
import { taskFunctionParams } from './params';
import { definition as seedDefinition } from './index';

/** How one Task resource's simulated service behaves. */
export interface TaskBehaviour {
  /** What the function returns: a payload template over its input (`"key.$": "$.path"`), or a constant. Absent: its input, unchanged. */
  result?: unknown;
  durationMs?: number;
  /** Percent of invocations that fail. */
  errorRate?: number;
  concurrency?: number;
}

/** An imported workflow: the definition, the execution input, each resource's service. */
export interface ImportedWorkflow {
  definition: StateMachineDefinition;
  /** Input of every execution (default `{}`). */
  input?: unknown;
  /** By service key (see {@link taskServices}). */
  tasks?: Record<string, TaskBehaviour>;
}

/** The imported workflow a pattern was made from (for the link and Export). */
const SOURCES = new WeakMap<Pattern, ImportedWorkflow>();

/** The imported workflow behind `pattern`, if it is one. */
export function importedWorkflowOf(pattern: Pattern): ImportedWorkflow | undefined {
  return SOURCES.get(pattern);
}

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';

/**
 * The services a definition's Task states call, each once, in definition order: for the
 * optimized Lambda integration the function its `FunctionName` names (when it is a constant),
 * else the Task's `Resource` (the key the state machine node matches an edge's `resource` on).
 */
export function taskServices(definition: StateMachineDefinition): string[] {
  const keys: string[] = [];
  const visit = (states: Record<string, StateDefinition>) => {
    for (const def of Object.values(states)) {
      if (def.Type === 'Task' && typeof def.Resource === 'string') {
        const args = (def.Parameters ?? def.Arguments) as Record<string, unknown> | undefined;
        const fn = args && typeof args === 'object' ? args.FunctionName : undefined;
        const key =
          def.Resource.startsWith(LAMBDA_INVOKE) && typeof fn === 'string' && !fn.includes('{%')
            ? fn
            : def.Resource;
        if (!keys.includes(key)) keys.push(key);
      }
      for (const b of def.Branches ?? []) visit(b.States);
      const p = def.ItemProcessor ?? def.Iterator;
      if (p) visit(p.States);
    }
  };
  visit(definition.States);
  return keys;
}

/** A short name for a service key: the function's name, or the resource's last part. */
export function serviceName(key: string): string {
  const fn = key.split(':function:')[1];
  if (fn) return fn.split(':')[0] as string;
  const parts = key.split(/[:/]/).filter(Boolean);
  return parts[parts.length - 1] ?? key;
}

/** The problems of a text offered as a definition (JSON first, then AWS's rules with paths). */
export function checkImportedDefinition(text: string): {
  definition?: StateMachineDefinition;
  problems: DefinitionProblem[];
} {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { problems: [{ path: '/', message: `not JSON: ${(e as Error).message}` }] };
  }
  const problems = validateDefinition(parsed);
  if (problems.length > 0) return { problems };
  return { definition: parsed as StateMachineDefinition, problems: [] };
}

/** The pattern that runs an imported workflow (throws a DefinitionError-like Error when invalid). */
export function importedPattern(workflow: ImportedWorkflow): Pattern {
  const problems = validateDefinition(workflow.definition);
  if (problems.length > 0)
    throw new Error(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  const services = taskServices(workflow.definition);
  const nodes: GraphNode[] = [
    {
      id: 'orders',
      kind: 'user',
      label: 'Executions',
      sublabel: 'StartExecution',
      position: { x: 0, y: 240 },
      config: {
        pattern: 'poisson',
        ratePerS: { $param: 'executionRate' },
        payloads: [{ weight: 1, body: (workflow.input ?? {}) as ConfigValue }],
      },
    },
    {
      id: 'stateMachine',
      kind: 'stepFunctions',
      label: 'Step Functions',
      sublabel: workflow.definition.Comment ? 'Imported workflow' : 'Imported workflow',
      position: { x: 260, y: 240 },
      config: {
        definition: workflow.definition as unknown as ConfigValue,
        workflowType: {
          $if: { param: 'express', equals: true },
          then: 'EXPRESS',
          else: 'STANDARD',
        },
      },
    },
  ];
  const edges: GraphEdge[] = [
    {
      id: 'ordersToStateMachine',
      source: 'orders',
      target: 'stateMachine',
      kind: 'async',
      label: 'StartExecution',
      latency: { kind: 'lognormal', mean: 25, cv: 0.3 },
    },
  ];
  const seedParams = seedDefinition.params.filter(
    (p) =>
      p.id === 'executionRate' ||
      p.id === 'express' ||
      p.id === 'startExecutionQuota' ||
      p.id === 'stateTransitionQuota',
  );
  const params: ParamSpec[] = [...seedParams];
  services.forEach((key, i) => {
    const id = `task${i + 1}`;
    const name = serviceName(key);
    const b = workflow.tasks?.[key] ?? {};
    nodes.push({
      id,
      kind: 'lambda',
      label: `Lambda "${name}"`,
      position: { x: 560, y: i * 120 },
      config: {
        duration: { kind: 'lognormal', mean: { $param: `${id}DurationMs` }, cv: 0.5 },
        errorRate: { $param: `${id}ErrorRate`, times: 0.01 },
        reservedConcurrency: { $param: `${id}Concurrency` },
        timeoutMs: 10_000,
      },
    });
    edges.push({
      id: `${id}Task`,
      source: 'stateMachine',
      target: id,
      kind: 'sync',
      label: `Task "${name}"`,
      config: {
        resource: key,
        ...(b.result !== undefined ? { output: b.result as ConfigValue } : {}),
      },
    });
    params.push(
      ...taskFunctionParams(
        id,
        name,
        {
          durationMs: clamp(b.durationMs ?? 100, 1, 10_000),
          errorRate: clamp(b.errorRate ?? 0, 0, 100),
          concurrency: clamp(b.concurrency ?? 20, 1, 500),
        },
        {
          duration: `Mean time ${name} takes for one call (log-normal).`,
          errorRate: `Chance that one call of ${name} fails (with the error type "Error", as a function's unhandled exception).`,
          concurrency: `Reserved concurrency of ${name}; above it Lambda throttles (Lambda.TooManyRequestsException).`,
        },
      ),
    );
  });
  const pattern: Pattern = {
    ...seedDefinition,
    title: 'Imported workflow (Step Functions)',
    nodes,
    edges,
    params,
    flows,
    charts: charts.filter((c) =>
      c.series.every((s) => !('node' in s.source) || s.source.node === 'stateMachine'),
    ),
    explanation: {
      summary:
        'A workflow you imported, running on the simulation: each execution is started by one message, and each Task calls a simulated Lambda whose duration, error rate and concurrency are the sliders beside it and whose result you set when importing. Open the Workflow tab to see where executions are and to follow one state by state.',
      whenToUse: seedDefinition.explanation.whenToUse,
      tradeOffs: seedDefinition.explanation.tradeOffs,
      whatToTry: [{ text: 'Press play, then open the Workflow tab and step one execution.' }],
    },
    handlers: {},
    // The share link carries the workflow itself (url.ts writes linkParams as they are).
    linkParams: { [LINK_DEFINITION_KEYS.asl]: encodeLinkJson(workflow) },
  };
  SOURCES.set(pattern, workflow);
  return pattern;
}

function clamp(x: number, lo: number, hi: number): number {
  return Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : lo;
}
