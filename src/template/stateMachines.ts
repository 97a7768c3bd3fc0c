import { concretize, isObj, type Obj, type Resource, type TranslateContext } from './context';
import { refsIn } from './intrinsics';

/**
 * A state machine's definition, however the template gives it: `Definition` (an object),
 * `DefinitionString` (JSON text, often through `Fn::Sub`), or SAM's `DefinitionUri` (a file next
 * to the template); with `DefinitionSubstitutions` applied (`${Name}` → value). References to the
 * template's resources become the ARNs AWS would put there, so Tasks can find their functions.
 */
export function readStateMachine(
  ctx: TranslateContext,
  r: Resource,
  given: unknown,
  substitutions: unknown,
  uri?: unknown,
): Obj | undefined {
  const definition = readDefinition(ctx, r, given, substitutions, uri);
  // Without its definition the machine cannot run: drawn, listed, and no edge leads to it.
  const node = ctx.node(r.id);
  if (!definition && node) {
    node.kind = 'opaque';
    node.settings = {
      why: ctx.arch.notSimulated.find((n) => n.id === r.id)?.why ?? 'no definition',
    };
  }
  return definition;
}

function readDefinition(
  ctx: TranslateContext,
  r: Resource,
  given: unknown,
  substitutions: unknown,
  uri?: unknown,
): Obj | undefined {
  let definition: unknown = given;
  if (definition === undefined && uri !== undefined) {
    if (typeof uri !== 'string' || uri.includes('@@')) {
      ctx.arch.skip(
        r.id,
        r.type,
        'its definition is in S3 (DefinitionUri), not among the files given',
        r.line,
      );
      return undefined;
    }
    const file = ctx.readFile(uri);
    if (!file) {
      ctx.arch.skip(
        r.id,
        r.type,
        `its definition file ${uri} is not among the files given`,
        r.line,
      );
      return undefined;
    }
    definition = file.body;
  }
  if (definition === undefined) {
    ctx.arch.skip(
      r.id,
      r.type,
      'it has no definition in the template (DefinitionS3Location)',
      r.line,
    );
    return undefined;
  }
  const subs = isObj(substitutions) ? substitutions : {};
  const substitute = (text: string) =>
    text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
      const v = subs[name.trim()];
      return v === undefined ? whole : typeof v === 'string' ? v : JSON.stringify(v);
    });
  if (typeof definition === 'string') {
    try {
      definition = JSON.parse(substitute(definition)) as unknown;
    } catch (e) {
      ctx.arch.skip(
        r.id,
        r.type,
        `its definition is not valid JSON (${(e as Error).message})`,
        r.line,
      );
      return undefined;
    }
  } else definition = mapStrings(definition, substitute);
  if (!isObj(definition) || !isObj(definition.States)) {
    ctx.arch.skip(r.id, r.type, 'its definition has no States', r.line);
    return undefined;
  }
  return definition;
}

function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (isObj(value)) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) out[f(k)] = mapStrings(v, f);
    return out;
  }
  return value;
}

/** Every Task of a definition, Parallel branches and Map processors included. */
function tasks(
  definition: Obj,
  out: { name: string; state: Obj }[] = [],
): { name: string; state: Obj }[] {
  const states = isObj(definition.States) ? definition.States : {};
  for (const [name, state] of Object.entries(states)) {
    if (!isObj(state)) continue;
    if (state.Type === 'Task') out.push({ name, state });
    for (const b of Array.isArray(state.Branches) ? state.Branches : [])
      if (isObj(b)) tasks(b, out);
    for (const key of ['Iterator', 'ItemProcessor']) if (isObj(state[key])) tasks(state[key], out);
  }
  return out;
}

/** The argument of a Task that names the service's resource, per integration. */
const TARGET_ARGUMENT: [RegExp, string, string][] = [
  [/^arn:aws:states:::lambda:invoke/, 'FunctionName', 'lambda'],
  [/^arn:aws:states:::sqs:sendMessage/, 'QueueUrl', 'sqs'],
  [/^arn:aws:states:::sns:publish/, 'TopicArn', 'sns'],
  [/^arn:aws:states:::events:putEvents/, 'Entries', 'eventBridge'],
  [/^arn:aws:states:::states:startExecution/, 'StateMachineArn', 'stepFunctions'],
  [/^arn:aws:states:::(dynamodb|aws-sdk:dynamodb):/, 'TableName', 'store'],
  [/^arn:aws:states:::(s3|aws-sdk:s3):/, 'Bucket', 'store'],
];

/**
 * Adds a sync edge from the state machine to the service each Task calls (`config.resource` is
 * what the kit's state machine matches Tasks with), stores the definition, and lists Tasks that
 * call something the run cannot: they are answered at once with an empty result.
 */
export function addStateMachineTasks(ctx: TranslateContext, id: string, raw: Obj): void {
  const node = ctx.node(id);
  if (!node) return;
  const taskResults: Obj = {};
  for (const { name, state } of tasks(raw)) {
    const resource = String(state.Resource ?? '');
    const args = state.Parameters ?? state.Arguments;
    let target: string | undefined;
    let resourceKey = concretize(ctx, resource);
    const direct = refsIn(resource)[0];
    if (direct && ctx.node(direct)?.kind === 'lambda') target = direct;
    else {
      const known = TARGET_ARGUMENT.find(([re]) => re.test(resource));
      if (known && isObj(args)) {
        const kind = known[2] as 'lambda';
        const named = args[known[1]];
        target = ctx.target(named, [kind]);
        if (target && kind === 'lambda') resourceKey = concretize(ctx, String(named));
        // Named from the execution's input (`"TopicArn.$": "$.topic"`): the only one of its kind
        // in the template is the one it can mean.
        const only = [...ctx.arch.nodes.values()].filter((n) => n.kind === kind);
        if (
          !target &&
          named === undefined &&
          args[`${known[1]}.$`] !== undefined &&
          only.length === 1 &&
          kind !== 'lambda'
        ) {
          target = only[0]?.id;
          ctx.arch.notes.push(
            `${id}.${name} names its ${known[1]} from the input; taken to be ${String(target)}, the only one in the template.`,
          );
        }
      }
    }
    if (target) {
      if (
        !ctx.arch.edges.some(
          (e) => e.source === id && e.target === target && e.settings?.resource === resourceKey,
        )
      )
        ctx.arch.addEdge({
          id: `${id}${name}`.replace(/[^A-Za-z0-9]/g, ''),
          source: id,
          target,
          kind: 'sync',
          label: name,
          settings: { resource: resourceKey },
        });
    } else {
      taskResults[concretize(ctx, resource)] = { output: {} };
      const text = `${id}.${name} calls ${shortResource(resource)}, which is not simulated: the Task answers at once with {}.`;
      // A resource of the template the Task should reach is a gap in the run; a service outside
      // the template (Bedrock, Comprehend, another account's function) is not one of its resources.
      const inTemplate =
        refsIn(resource).length > 0 || refsIn(args).some((r) => ctx.resources.has(r));
      if (inTemplate)
        ctx.arch.skip(
          `${id}.${name}`,
          'Task',
          `the Task calls ${shortResource(resource)}, which is not simulated: it answers at once`,
          node.line,
        );
      else if (!ctx.arch.notes.includes(text)) ctx.arch.notes.push(text);
    }
  }
  node.settings.definition = concretize(ctx, raw);
  if (Object.keys(taskResults).length > 0) node.settings.taskResults = taskResults;
}

function shortResource(resource: string): string {
  const m = /^arn:aws:states:::(.+)$/.exec(resource);
  return m
    ? (m[1] ?? resource)
    : resource.replace(/@@ref:([A-Za-z0-9]+)[^@]*@@/g, '$1') || 'an activity';
}
