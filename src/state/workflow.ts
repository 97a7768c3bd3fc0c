/**
 * What the workflow view reads of a run's Step Functions state machine: which node it is, its
 * per-state counts, the executions it follows, and one execution advanced transition by
 * transition while the rest of the run waits (paused). Also each visit's data flow, stage by
 * stage (raw input → InputPath → Parameters/Arguments → result → ResultSelector → ResultPath →
 * OutputPath), recomputed with the interpreter's own path functions from what it recorded.
 */
import {
  applyResultPath,
  evaluatePayloadTemplate,
  readPath,
  type StateDefinition,
  type StateMachineDefinition,
} from '../aws/stepFunctions';
import {
  stateMachineNode,
  type ExecutionRecord,
  type ExecutionStep,
  type StateMachineNode,
} from '../kit';
import type { Pattern, ScenarioRun } from '../patterns';
import type { Simulator } from './createSimulator';

/** The id of the pattern's (first) Step Functions node, if it has one. */
export function workflowNodeId(pattern: Pattern): string | undefined {
  return pattern.nodes.find((n) => n.kind === 'stepFunctions')?.id;
}

/** The run's state machine node (its counts, executions and definition). */
export function stateMachineOf(run: ScenarioRun, nodeId: string): StateMachineNode | undefined {
  return stateMachineNode(run.world, nodeId);
}

/** A state's definition by name, searched through Parallel branches and Map processors. */
export function findState(
  definition: StateMachineDefinition,
  name: string,
): { def: StateDefinition; jsonata: boolean } | undefined {
  const search = (
    states: Record<string, StateDefinition>,
    language: string | undefined,
  ): { def: StateDefinition; jsonata: boolean } | undefined => {
    for (const [n, def] of Object.entries(states)) {
      const lang = def.QueryLanguage ?? language;
      if (n === name) return { def, jsonata: lang === 'JSONata' };
      for (const b of def.Branches ?? []) {
        const r = search(b.States, b.QueryLanguage ?? lang);
        if (r) return r;
      }
      const p = def.ItemProcessor ?? def.Iterator;
      if (p) {
        const r = search(p.States, p.QueryLanguage ?? lang);
        if (r) return r;
      }
    }
    return undefined;
  };
  return search(definition.States, definition.QueryLanguage);
}

/**
 * One execution followed step by step. An event of the simulation may record several steps at
 * once (a state left and the next entered; a catch and the Catcher's state), so the follower
 * keeps a cursor: Step reveals the next recorded step, and runs the simulation (paused, one
 * event at a time) only when every recorded step is already shown. The rest of the run advances
 * only as far as this execution's next step.
 */
export class ExecutionFollower {
  /** Steps shown so far. */
  revealed: number;

  constructor(
    readonly nodeId: string,
    readonly msgId: number,
    record?: ExecutionRecord,
  ) {
    // Following starts at what the execution has done so far.
    this.revealed = record?.steps.length ?? 0;
  }

  /** The node's record of the execution (all its steps so far). */
  record(run: ScenarioRun): ExecutionRecord | undefined {
    return stateMachineOf(run, this.nodeId)?.executionHistory(this.msgId);
  }

  /** True once every step is shown and the execution has ended. */
  done(run: ScenarioRun): boolean {
    const r = this.record(run);
    return !r || (r.status !== 'RUNNING' && this.revealed >= r.steps.length);
  }

  /** Shows the next step (running the simulation to it if needed); false when there is none. */
  step(sim: Simulator): boolean {
    const r = this.record(sim.run);
    if (!r) return false;
    if (this.revealed < r.steps.length) {
      this.revealed++;
      return true;
    }
    if (r.status !== 'RUNNING') return false;
    sim.advanceUntil(() => r.steps.length > this.revealed || r.status !== 'RUNNING');
    if (this.revealed < r.steps.length) this.revealed++;
    return true;
  }

  /**
   * The record as far as it is shown: the revealed steps, RUNNING until the last is shown, and
   * the history events up to the last shown step's time.
   */
  view(run: ScenarioRun): ExecutionRecord | undefined {
    const r = this.record(run);
    if (!r) return undefined;
    const steps = r.steps.slice(0, this.revealed);
    const all = this.revealed >= r.steps.length;
    if (all && r.status !== 'RUNNING') return r;
    const lastT = steps.length > 0 ? (steps[steps.length - 1] as ExecutionStep).t : r.startMs;
    const start = r.history?.[0]?.timestamp;
    const view: ExecutionRecord = { ...r, steps, status: 'RUNNING' };
    delete view.output;
    delete view.error;
    delete view.cause;
    delete view.endMs;
    if (r.history && start !== undefined) {
      const history = r.history.filter((e) => e.timestamp - start <= lastT - r.startMs);
      // Same-time events after the last shown step stay hidden: keep those up to its kind.
      view.history = all ? r.history.filter((e) => !TERMINAL.has(e.type)) : history;
    }
    return view;
  }
}

const TERMINAL = new Set([
  'ExecutionSucceeded',
  'ExecutionFailed',
  'ExecutionTimedOut',
  'ExecutionAborted',
]);

/**
 * Advances the run, paused, until the execution of message `msgId` records its next step or
 * ends. Returns false when the node no longer follows it or it has ended.
 */
export function stepExecution(sim: Simulator, nodeId: string, msgId: number): boolean {
  const record = stateMachineOf(sim.run, nodeId)?.executionHistory(msgId);
  if (!record || record.status !== 'RUNNING') return false;
  const before = record.steps.length;
  return sim.advanceUntil(() => record.steps.length > before || record.status !== 'RUNNING');
}

/** One stage of a visit's data flow: its name, the field that made it, and the value. */
export interface IoStage {
  label: string;
  /** The field applied (e.g. `InputPath "$.order"`), or where the value came from. */
  field?: string;
  value: unknown;
  /** Recomputed here from the interpreter's values (rather than reported by it). */
  derived?: boolean;
}

/** A visit of a state by an execution: what the view shows for the selected state. */
export interface VisitIO {
  state: string;
  stateType: string;
  jsonata: boolean;
  stages: IoStage[];
  variables?: Readonly<Record<string, unknown>>;
  /** Retries and catches during the visit. */
  events: ExecutionStep[];
  status: 'running' | 'exited' | 'failed' | 'aborted';
}

/**
 * The data flow of the visit that starts at `steps[enteredAt]` (an `entered` step). The raw
 * input, the effective input (the Task's, as the interpreter sent it), the result (the service's
 * answer) and the output are the interpreter's values; the stages between are recomputed with
 * its functions (InputPath, ResultSelector, ResultPath), and their end equals the output.
 */
export function visitIO(
  record: ExecutionRecord,
  definition: StateMachineDefinition,
  enteredAt: number,
): VisitIO | undefined {
  const entered = record.steps[enteredAt];
  if (!entered || entered.type !== 'entered') return undefined;
  const found = findState(definition, entered.state);
  const def = found?.def;
  const jsonata = found?.jsonata ?? false;
  const events: ExecutionStep[] = [];
  let scheduled: Extract<ExecutionStep, { type: 'taskScheduled' }> | undefined;
  let result: { value: unknown } | undefined;
  let end: ExecutionStep | undefined;
  for (let i = enteredAt + 1; i < record.steps.length && !end; i++) {
    const s = record.steps[i] as ExecutionStep;
    if (s.state !== entered.state) continue;
    if (s.type === 'entered') break; // a later visit (a loop back, or another iteration)
    if (s.type === 'taskScheduled') scheduled = s;
    else if (s.type === 'taskSucceeded') result = { value: s.output };
    else if (s.type === 'taskFailed') result = undefined;
    else if (s.type === 'retry' || s.type === 'caught') events.push(s);
    else if (s.type === 'exited' || s.type === 'failed' || s.type === 'aborted') end = s;
  }
  const raw = entered.input;
  const stages: IoStage[] = [{ label: 'Raw input', field: 'state input', value: raw }];
  const scope = {
    context: {
      Execution: { Name: record.name, Input: record.input },
      State: { Name: entered.state },
    },
    variables: { ...(entered.variables ?? {}) },
    random: () => 0.5,
  };
  const caught = events.some((e) => e.type === 'caught');
  if (jsonata) {
    if (scheduled)
      stages.push({ label: 'Effective input', field: 'Arguments', value: scheduled.input });
    if (result) stages.push({ label: 'Result', field: 'Task result', value: result.value });
  } else if (def) {
    const inputPath = def.InputPath;
    let afterInputPath: unknown = raw;
    if (inputPath !== undefined) {
      afterInputPath = tryDerive(() => (inputPath === null ? {} : readPath(inputPath, raw, scope)));
      stages.push({
        label: 'After InputPath',
        field: `InputPath ${JSON.stringify(inputPath)}`,
        value: afterInputPath,
        derived: true,
      });
    }
    if (scheduled)
      stages.push({
        label: 'Effective input',
        field: def.Parameters !== undefined ? 'Parameters' : 'after InputPath',
        value: scheduled.input,
      });
    else if (def.Type === 'Pass' && def.Parameters !== undefined)
      stages.push({
        label: 'Effective input',
        field: 'Parameters',
        value: tryDerive(() => evaluatePayloadTemplate(def.Parameters, afterInputPath, scope)),
        derived: true,
      });
    if (result && !caught) {
      stages.push({ label: 'Result', field: 'Task result', value: result.value });
      let selected = result.value;
      if (def.ResultSelector !== undefined) {
        selected = tryDerive(() =>
          evaluatePayloadTemplate(def.ResultSelector, result.value, scope),
        );
        stages.push({
          label: 'After ResultSelector',
          field: 'ResultSelector',
          value: selected,
          derived: true,
        });
      }
      if (def.ResultPath !== undefined)
        stages.push({
          label: 'After ResultPath',
          field: `ResultPath ${JSON.stringify(def.ResultPath)}`,
          value: tryDerive(() =>
            applyResultPath(raw, def.ResultPath as string | null | undefined, selected),
          ),
          derived: true,
        });
    }
  }
  if (end?.type === 'exited')
    stages.push({
      label: 'Output',
      field:
        def?.OutputPath !== undefined
          ? `OutputPath ${JSON.stringify(def.OutputPath)}`
          : 'state output',
      value: end.output,
    });
  return {
    state: entered.state,
    stateType: entered.stateType,
    jsonata,
    stages,
    ...(entered.variables ? { variables: entered.variables } : {}),
    events,
    status: !end
      ? 'running'
      : end.type === 'exited'
        ? 'exited'
        : end.type === 'failed'
          ? 'failed'
          : 'aborted',
  };
}

/** A derived stage that the interpreter would have failed on: its error, as a value to show. */
function tryDerive(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The state an execution is in now (its latest `entered` step without an end), or the last one
 * it left; the index of that `entered` step.
 */
export function currentVisit(record: ExecutionRecord): number | undefined {
  const open = new Map<string, number>();
  let last: number | undefined;
  record.steps.forEach((s, i) => {
    if (s.type === 'entered') {
      open.set(s.state, i);
      last = i;
    } else if (s.type === 'exited' || s.type === 'failed' || s.type === 'aborted')
      open.delete(s.state);
  });
  let latest: number | undefined;
  for (const i of open.values()) if (latest === undefined || i > latest) latest = i;
  return latest ?? last;
}
