/**
 * What every state type shares: entering (the Entered event, InputPath), the scopes fields are
 * evaluated in, and leaving (OutputPath, Assign, the size quota, the Exited event). The error
 * path of Task, Parallel and Map is in results.ts.
 */
import { ErrorNames, failure, toFailure, type Failure } from '../errors';
import { evaluatePayload, selectPath, type PathScope } from '../expressions';
import { NOT_TRUNCATED, type HistoryEvent, type HistoryEventType } from '../history';
import { evaluateTemplate, JSONATA_RUNTIME, type StatesBinding } from '../jsonata';
import { contextOf, isoTime, type Branch, type Outcome, type Vars, type Visit } from '../runtime';
import type { ContextObject, StateDefinition } from '../types';

const ENTERED: Record<StateDefinition['Type'], HistoryEventType> = {
  Pass: 'PassStateEntered',
  Task: 'TaskStateEntered',
  Choice: 'ChoiceStateEntered',
  Wait: 'WaitStateEntered',
  Succeed: 'SucceedStateEntered',
  Fail: 'FailStateEntered',
  Parallel: 'ParallelStateEntered',
  Map: 'MapStateEntered',
};

// A Fail state has no Exited event: the execution (or branch) fails right after it is entered.
const EXITED: Record<StateDefinition['Type'], HistoryEventType | undefined> = {
  Pass: 'PassStateExited',
  Task: 'TaskStateExited',
  Choice: 'ChoiceStateExited',
  Wait: 'WaitStateExited',
  Succeed: 'SucceedStateExited',
  Fail: undefined,
  Parallel: 'ParallelStateExited',
  Map: 'MapStateExited',
};

/** AWS's limit on a state's input or output: 256 KiB of UTF-8. */
export const MAX_PAYLOAD_BYTES = 262_144;

/** Compact JSON text, as history events and causes quote documents. */
export function json(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

function utf8Length(text: string): number {
  // Cheap exit for the common case: even all-3-byte characters would fit.
  if (text.length * 3 <= MAX_PAYLOAD_BYTES) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * An upper bound of the UTF-8 size of `value`'s JSON text, cheap to work out: every string
 * character counted as a 6-byte escape, every number as 25 bytes. Returns `Infinity` as soon as
 * the bound passes `limit`, or for anything that is not plain JSON data (the text must then be
 * measured).
 */
export function jsonBytesBound(value: unknown, limit: number): number {
  switch (typeof value) {
    case 'string':
      return 2 + value.length * 6;
    case 'number':
      return 25;
    case 'boolean':
      return 5;
    case 'undefined':
      return 4;
    case 'object': {
      if (value === null) return 4;
      let size = 2;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          size += 1 + jsonBytesBound(value[i], limit - size);
          if (size > limit) return Infinity;
        }
        return size;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return Infinity; // toJSON, Map...
      const record = value as Record<string, unknown>;
      for (const key in record) {
        size += 4 + key.length * 6 + jsonBytesBound(record[key], limit - size);
        if (size > limit) return Infinity;
      }
      return size;
    }
    default:
      return Infinity;
  }
}

/** Records the Entered event and opens a visit of `name`. */
export function enterState(
  branch: Branch,
  name: string,
  def: StateDefinition,
  rawInput: unknown,
  vars: Vars,
): Visit {
  const env = branch.env;
  env.transitions++;
  const history = branch.history;
  const id = history.record(
    branch.chain,
    ENTERED[def.Type],
    history.enabled
      ? {
          stateEnteredEventDetails: {
            name,
            input: inputText(branch, rawInput),
            inputDetails: NOT_TRUNCATED,
          },
        }
      : undefined,
  );
  env.observer?.stateEntered?.(name, def.Type, rawInput, vars);
  return {
    branch,
    name,
    def,
    jsonata: (def.QueryLanguage ?? branch.queryLanguage) === 'JSONata',
    rawInput,
    input: rawInput,
    vars,
    enteredId: id,
    enteredTime: isoTime(env.clock.now()),
    retryCounts: [],
    retryCount: 0,
  };
}

/**
 * The scope JSONPath fields of a visit evaluate in. The Context Object is built only if a field
 * actually reads `$$` (most don't, and this is the hot path); a class keeps the lazy getter on the
 * prototype, which V8 creates much faster than an object literal with an accessor.
 */
class VisitScope implements PathScope {
  readonly variables: Vars;
  readonly random: () => number;
  private ctx: ContextObject | undefined;

  constructor(
    private readonly v: Visit,
    context: ContextObject | undefined,
    private readonly extra: Pick<ContextObject, 'Task' | 'Map'> | undefined,
  ) {
    this.variables = v.vars;
    this.random = v.branch.env.random;
    this.ctx = context;
  }

  get context(): ContextObject {
    return (this.ctx ??= contextOf(this.v, this.extra));
  }
}

/** The scope JSONPath fields of a visit evaluate in (see VisitScope). */
export function scopeOf(
  v: Visit,
  context?: ContextObject,
  extra?: Pick<ContextObject, 'Task' | 'Map'>,
): PathScope {
  return new VisitScope(v, context, extra);
}

/** `$states` for a JSONata field of a visit (the Context Object, again, built on demand). */
export function statesOf(
  v: Visit,
  extra: Partial<StatesBinding> = {},
  context?: ContextObject,
): StatesBinding {
  let ctx = context;
  const binding: StatesBinding = {
    input: v.rawInput,
    get context() {
      return (ctx ??= contextOf(v));
    },
    [JSONATA_RUNTIME]: v.branch.env,
  };
  if ('result' in extra) binding.result = extra.result;
  if ('errorOutput' in extra) binding.errorOutput = extra.errorOutput;
  return binding;
}

/** JSON text of a value entering a state: reuses the text the previous state's exit produced. */
export function inputText(branch: Branch, value: unknown): string {
  return branch.memo.value === value && branch.memo.text !== undefined
    ? branch.memo.text
    : json(value);
}

/** Applies InputPath (JSONPath states); `null` means an empty object. Throws on a bad path. */
export function applyInputPath(v: Visit): unknown {
  const path = v.def.InputPath;
  if (v.jsonata || path === undefined || path === '$') v.input = v.rawInput;
  else if (path === null) v.input = {};
  else v.input = selectPath(path, v.rawInput, scopeOf(v));
  return v.input;
}

/** Applies InputPath once per visit; an outcome means the visit failed right there. */
export function prepareInput(v: Visit): Outcome | null {
  try {
    applyInputPath(v);
    return null;
  } catch (e) {
    return failVisit(v, toFailure(e));
  }
}

/** Applies OutputPath; `null` means an empty object. Throws on a bad path. */
export function applyOutputPath(v: Visit, value: unknown, scope: PathScope): unknown {
  const path = v.def.OutputPath;
  if (path === undefined || path === '$') return value;
  if (path === null) return {};
  return selectPath(path, value, scope);
}

/** Marks where a failure arose (for the cause prefix AWS adds) and fails the visit. */
export function failVisit(v: Visit, f: Failure): Outcome {
  if (f.stateName === undefined) {
    f = { ...f, stateName: v.name, enteredEventId: v.enteredId };
  }
  return { kind: 'fail', failure: f };
}

function assignedText(assigned: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(assigned)) out[k] = json(assigned[k]);
  return out;
}

/** New variables after an Assign (variables not assigned keep their value). */
export function mergeVars(vars: Vars, assigned: Record<string, unknown> | undefined): Vars {
  return assigned ? { ...vars, ...assigned } : vars;
}

/**
 * Leaves the state: checks the size quota, records the Exited event (with the assigned
 * variables) and says where to go: `next` (a Choice target or a catcher's Next) or the state's
 * Next, else the end of the branch.
 */
export function finish(
  v: Visit,
  output: unknown,
  assigned?: Record<string, unknown>,
  next?: string,
): Outcome {
  const memo = v.branch.memo;
  const history = v.branch.history;
  let text: string | undefined;
  // The JSON text is needed for the history, or to measure an output that might be too large.
  if (history.enabled || jsonBytesBound(output, MAX_PAYLOAD_BYTES) > MAX_PAYLOAD_BYTES) {
    text = memo.value === output && memo.text !== undefined ? memo.text : json(output);
    if (utf8Length(text) > MAX_PAYLOAD_BYTES) {
      return failVisit(
        v,
        failure(
          ErrorNames.DataLimitExceeded,
          `The state/task '${v.name}' returned a result with a size exceeding the maximum number of bytes service limit.`,
        ),
      );
    }
  }
  memo.value = output;
  memo.text = text;
  const exited = EXITED[v.def.Type];
  if (exited) {
    if (history.enabled) {
      const details: NonNullable<HistoryEvent['stateExitedEventDetails']> = {
        name: v.name,
        output: text as string,
        outputDetails: NOT_TRUNCATED,
      };
      if (assigned && Object.keys(assigned).length > 0)
        details.assignedVariables = assignedText(assigned);
      history.record(v.branch.chain, exited, { stateExitedEventDetails: details });
    } else history.record(v.branch.chain, exited);
    v.branch.env.observer?.stateExited?.(v.name, v.def.Type, output);
  }
  const vars = mergeVars(v.vars, assigned);
  const target = next ?? v.def.Next;
  return target === undefined
    ? { kind: 'end', output, vars }
    : { kind: 'next', next: target, output, vars };
}

/**
 * Evaluates an Assign block: a JSONata template (with `states`, default the visit's `$states`), or
 * a JSONPath payload template over `dollar`.
 */
export function evaluateAssign(
  v: Visit,
  assign: Record<string, unknown> | undefined,
  dollar: unknown,
  scope: PathScope,
  states?: StatesBinding,
): Record<string, unknown> | undefined {
  if (!assign) return undefined;
  const value = v.jsonata
    ? evaluateTemplate(assign, states ?? statesOf(v), v.vars, 'Assign')
    : evaluatePayload(assign, dollar, scope);
  return value as Record<string, unknown>;
}
