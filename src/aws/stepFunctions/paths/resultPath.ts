/**
 * ResultPath: where a state's result is written into its raw input. `null` discards the result,
 * an absent ResultPath (or `$`) replaces the input, and a Reference Path such as `$.a.b` writes
 * the result there, creating intermediate objects.
 */
import { StatesError } from '../statesError';
import { isJsonObject, toJsonText } from './json';
import { parsePath, PathSyntaxError, type Segment } from './parse';

/** The `States.ResultPathMatchFailure` cause for a ResultPath that cannot be applied to `input`. */
export function resultPathFailureCause(resultPath: string, input: unknown): string {
  return `Unable to apply ResultPath "${resultPath}" to input ${toJsonText(input)}`;
}

/**
 * Combines `input` and `result` per ResultPath. The input is not mutated: objects along the
 * written path are copied, everything else is shared.
 *
 * Throws `StatesError('States.ResultPathMatchFailure', ...)` when the path runs through a value
 * that is not an object (or an index that is out of range), and `States.Runtime` for a ResultPath
 * that is not a Reference Path (`$$`, `$var`, wildcards, filters).
 */
export function applyResultPath(
  input: unknown,
  resultPath: string | null | undefined,
  result: unknown,
): unknown {
  if (resultPath === null) return input;
  if (resultPath === undefined || resultPath === '$') return result;
  let segments: Segment[];
  try {
    const parsed = parsePath(resultPath);
    if (parsed.root.kind !== 'input' || !parsed.definite)
      throw new PathSyntaxError(resultPath, 'not a Reference Path');
    segments = parsed.segments;
  } catch (e) {
    if (e instanceof PathSyntaxError) {
      throw new StatesError(
        'States.Runtime',
        `Invalid ResultPath '${resultPath}': it must be a Reference Path`,
      );
    }
    throw e;
  }
  const written = write(input, segments, 0, result);
  if (written === MISMATCH) {
    throw new StatesError(
      'States.ResultPathMatchFailure',
      resultPathFailureCause(resultPath, input),
    );
  }
  return written;
}

/** What `write` returns when the path cannot be applied. */
const MISMATCH = Symbol('mismatch');

function write(node: unknown, segments: Segment[], i: number, result: unknown): unknown {
  const seg = segments[i];
  if (!seg) return result;
  if (seg.kind === 'property') {
    const name = seg.names[0] as string;
    if (!isJsonObject(node)) return MISMATCH;
    const existing = Object.prototype.hasOwnProperty.call(node, name) ? node[name] : undefined;
    const next = i + 1 < segments.length && existing === undefined ? {} : existing;
    const inner = write(next, segments, i + 1, result);
    return inner === MISMATCH ? MISMATCH : { ...node, [name]: inner };
  }
  if (seg.kind === 'index' && Array.isArray(node)) {
    const raw = seg.indices[0] as number;
    const index = raw < 0 ? node.length + raw : raw;
    if (index < 0 || index >= node.length) return MISMATCH;
    const inner = write(node[index], segments, i + 1, result);
    if (inner === MISMATCH) return MISMATCH;
    const copy = node.slice();
    copy[index] = inner;
    return copy;
  }
  return MISMATCH;
}
