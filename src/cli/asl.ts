/**
 * `npm run sim -- asl <definition.json> [--input <json>] [--task <resource>=<json or error>]...
 * [--history] [--json]`: runs one Amazon States Language definition to its end on a virtual
 * clock (Wait states and back-offs take no real time) and prints its final status, with its output
 * or its error and cause, and with `--history` AWS's execution history.
 *
 * Task answers come from `--task`: `<resource>=<json>` makes the Task return that JSON value;
 * `<resource>=<ErrorName>` (anything that is not JSON) or `<resource>=<ErrorName>:<cause>` makes it
 * fail. `<resource>` is the Task's Resource, or, for `arn:aws:states:::lambda:invoke`, the
 * function's name or ARN (its FunctionName). Several `--task` for one resource answer its calls in
 * turn (the last one then answers every further call), so a Retry can be seen to work. A Task no
 * `--task` answers fails with States.TaskFailed.
 *
 * Exit status: 0 when the execution succeeded, 1 when it did not, 2 for a mistake in the command
 * line or an invalid definition (each problem printed with its path in the definition).
 */
import { readFileSync } from 'node:fs';
import {
  runExecution,
  validateDefinition,
  type ExecutionResult,
  type HistoryEvent,
  type StateMachineDefinition,
  type TaskHandler,
} from '../aws/stepFunctions';
import { UsageError } from './args';

/** The parsed command line of `asl`. */
export interface AslArgs {
  file: string;
  input: unknown;
  /** Answers by resource, in the order given. */
  tasks: Map<string, TaskAnswer[]>;
  history: boolean;
  json: boolean;
}

/** One scripted answer of a Task. */
export type TaskAnswer = { output: unknown } | { error: string; cause?: string };

/** Parses the arguments after `asl`. Throws UsageError naming the problem. */
export function parseAslArgs(argv: string[]): AslArgs {
  const out: AslArgs = { file: '', input: {}, tasks: new Map(), history: false, json: false };
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (name: string, inline: string | undefined): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    const [name, inline] = splitOption(arg);
    if (name === '--history') out.history = true;
    else if (name === '--json') out.json = true;
    else if (name === '--input') {
      const text = value('--input', inline);
      try {
        out.input = JSON.parse(text) as unknown;
      } catch (e) {
        throw new UsageError(`--input must be JSON: ${(e as Error).message}`);
      }
    } else if (name === '--task') {
      const spec = value('--task', inline);
      const eq = spec.indexOf('=');
      if (eq <= 0) throw new UsageError(`--task expects <resource>=<json or error>, got "${spec}"`);
      const resource = spec.slice(0, eq);
      const list = out.tasks.get(resource) ?? [];
      list.push(taskAnswer(spec.slice(eq + 1)));
      out.tasks.set(resource, list);
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`unexpected argument "${arg}" (one definition at a time)`);
  }
  if (file === undefined) throw new UsageError('asl: which definition? (a JSON file)');
  out.file = file;
  return out;
}

/** `--x=y` → ['--x', 'y']; `--x` → ['--x', undefined]. */
function splitOption(arg: string): [string, string | undefined] {
  if (!arg.startsWith('--')) return [arg, undefined];
  const eq = arg.indexOf('=');
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

/** A `--task` value: JSON is returned; anything else names an error (`Name` or `Name:cause`). */
function taskAnswer(text: string): TaskAnswer {
  try {
    return { output: JSON.parse(text) as unknown };
  } catch {
    const colon = text.indexOf(':');
    if (text.trim() === '') throw new UsageError('--task needs a JSON value or an error name');
    return colon < 0
      ? { error: text }
      : { error: text.slice(0, colon), cause: text.slice(colon + 1).trim() };
  }
}

/** The function's name from an ARN (with or without a version or alias) or a plain name. */
function functionName(fn: string): string {
  const parts = fn.split(':');
  const at = parts.indexOf('function');
  return at >= 0 && parts[at + 1] !== undefined ? (parts[at + 1] as string) : (parts[0] as string);
}

/** Answers the Tasks from the scripted answers. */
function scriptedTasks(tasks: Map<string, TaskAnswer[]>): TaskHandler {
  const calls = new Map<string, number>();
  const lookup = (resource: string, input: unknown): [string, TaskAnswer[]] | undefined => {
    const direct = tasks.get(resource);
    if (direct) return [resource, direct];
    if (!resource.startsWith('arn:aws:states:::lambda:invoke')) return undefined;
    const fn = (input as { FunctionName?: unknown } | null)?.FunctionName;
    if (typeof fn !== 'string') return undefined;
    for (const [key, list] of tasks)
      if (key === fn || functionName(key) === functionName(fn)) return [key, list];
    return undefined;
  };
  return (task, cb) => {
    const found = lookup(task.resource, task.input);
    if (!found) {
      cb.fail(
        'States.TaskFailed',
        `No --task answers the resource '${task.resource}' (state '${task.stateName}').`,
      );
      return;
    }
    const [key, list] = found;
    const n = calls.get(key) ?? 0;
    calls.set(key, n + 1);
    const answer = list[Math.min(n, list.length - 1)] as TaskAnswer;
    if ('output' in answer) cb.succeed(answer.output);
    else cb.fail(answer.error, answer.cause);
  };
}

/** Reads and checks the definition; throws UsageError listing the problems with their paths. */
export function loadDefinition(file: string): StateMachineDefinition {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`, false);
  }
  let definition: unknown;
  try {
    definition = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not JSON: ${(e as Error).message}`, false);
  }
  const problems = validateDefinition(definition);
  if (problems.length > 0) {
    throw new UsageError(
      `${file} is not a valid state machine definition (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${p.path || '/'}: ${p.message}`).join('\n'),
      false,
    );
  }
  return definition as StateMachineDefinition;
}

/** Runs `asl`; returns the exit status and prints the result. */
export function aslMain(argv: string[], print: (text: string) => void): number {
  const args = parseAslArgs(argv);
  const definition = loadDefinition(args.file);
  const result = runExecution(definition, args.input, {
    taskHandler: scriptedTasks(args.tasks),
    history: args.history,
  });
  print(
    args.json
      ? JSON.stringify(resultJson(result, args.history), null, 2)
      : formatResult(result, args.history),
  );
  return result.status === 'SUCCEEDED' ? 0 : 1;
}

function resultJson(result: ExecutionResult, history: boolean): unknown {
  const { history: events, ...outcome } = result;
  return history ? { ...outcome, history: events } : outcome;
}

/** The result as people read it: status, output or error and cause, then the history. */
export function formatResult(result: ExecutionResult, history: boolean): string {
  const lines = [`status: ${result.status}`];
  if (result.status === 'SUCCEEDED')
    lines.push(`output: ${JSON.stringify(result.output, null, 2)}`);
  if (result.error !== undefined) lines.push(`error:  ${result.error}`);
  if (result.cause !== undefined) lines.push(`cause:  ${result.cause}`);
  if (result.status === 'RUNNING')
    lines.push('(a Task never answered and nothing else was left to happen)');
  if (history) {
    lines.push('', 'history:');
    lines.push(...formatHistory(result.history));
  }
  return lines.join('\n');
}

/** One line per event: id, previous id, time since the start, type, and its details. */
export function formatHistory(events: readonly HistoryEvent[]): string[] {
  const start = events[0]?.timestamp ?? 0;
  const rows = events.map((e) => {
    const { id, previousEventId, timestamp, type, ...details } = e;
    const detail = Object.values(details)[0];
    return [
      String(id),
      String(previousEventId),
      `+${((timestamp - start) / 1000).toFixed(3)}s`,
      type,
      detail === undefined ? '' : JSON.stringify(detail),
    ];
  });
  const head = ['id', 'prev', 'time', 'type', 'details'];
  const widths = head.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r[i] as string).length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].map((l) => `  ${l}`);
}
