/**
 * Reading a value through a path rooted at the state input (`$`), the Context Object (`$$`) or a
 * workflow variable (`$name`), with AWS's `States.Runtime` error when the path selects nothing.
 */
import { StatesError } from '../statesError';
import { evaluatePath, type EvaluateOptions, type PathResult } from './evaluate';
import { hasOwn } from './json';
import { parsePath, PathSyntaxError, type ParsedPath } from './parse';

/** Where `$$` and `$name` paths read from. */
export interface PathReadOptions {
  /** The Context Object (`$$`). */
  context?: unknown;
  /** Workflow variables (`$name`), as assigned by `Assign`. */
  variables?: Record<string, unknown>;
}

/** Parses a path, turning a syntax error into a `States.Runtime` StatesError. */
export function parseOrThrow(path: string): ParsedPath {
  try {
    return parsePath(path);
  } catch (e) {
    if (e instanceof PathSyntaxError) throw new StatesError('States.Runtime', e.message);
    throw e;
  }
}

/**
 * Evaluates a path without throwing on a miss: `{ found: false, message }` carries Jayway's
 * explanation (e.g. `No results for path: $['a']`). Syntax errors still throw.
 */
export function tryReadPath(
  path: string,
  data: unknown,
  options: PathReadOptions = {},
  evaluate: EvaluateOptions = {},
): PathResult {
  const parsed = parseOrThrow(path);
  const root = parsed.root;
  if (root.kind === 'input') return evaluatePath(parsed, data, evaluate);
  if (root.kind === 'context') return evaluatePath(parsed, options.context ?? {}, evaluate);
  const vars = options.variables ?? {};
  if (!hasOwn(vars, root.name))
    return { found: false, message: `The variable '$${root.name}' is not defined` };
  return evaluatePath(parsed, vars[root.name], evaluate);
}

/** The cause AWS gives when an InputPath/OutputPath/ItemsPath-style path selects nothing. */
export function invalidPathCause(path: string, detail: string): string {
  return `Invalid path '${path}' : ${detail}`;
}

/**
 * Reads `path` from `data` (or from the Context Object / variables for `$$` and `$name` paths).
 * Definite paths return the single value; indefinite ones (`[*]`, `..x`, filters, slices) return
 * an array of matches. A definite path that selects nothing throws
 * `StatesError('States.Runtime', "Invalid path '$.a' : No results for path: $['a']")`.
 */
export function readPath(path: string, data: unknown, options?: PathReadOptions): unknown {
  const result = tryReadPath(path, data, options);
  if (!result.found)
    throw new StatesError('States.Runtime', invalidPathCause(path, result.message));
  return result.value;
}
