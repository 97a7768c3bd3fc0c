/**
 * Definition-time checks the interpreter runs when it validates a state machine: is a string a
 * valid path, a Reference Path, and is every `.$` field of a payload template a path or intrinsic.
 */
import { isIntrinsicValid, looksLikeIntrinsic } from '../intrinsics/parser';
import { isJsonObject } from './json';
import { parsePath, PathSyntaxError, type ParsedPath } from './parse';

function tryParse(path: string): ParsedPath | undefined {
  try {
    return parsePath(path);
  } catch (e) {
    if (e instanceof PathSyntaxError) return undefined;
    throw e;
  }
}

/** True if `path` is valid JSONPath rooted at `$`, `$$` or `$name`. */
export function isPathValid(path: string): boolean {
  return tryParse(path) !== undefined;
}

/**
 * True for a Reference Path (what ResultPath requires): rooted at `$` and selecting a single node
 * through members and indices only — no `$$`, variables, wildcards, slices, filters or `..`.
 */
export function isReferencePath(path: string): boolean {
  const parsed = tryParse(path);
  return parsed !== undefined && parsed.root.kind === 'input' && parsed.definite;
}

/** True if `path` selects at most one node (no wildcard, slice, filter, list or deep scan). */
export function isDefinitePath(path: string): boolean {
  return tryParse(path)?.definite ?? false;
}

/** The variable a `$name...` path reads, or undefined for `$` / `$$` paths. */
export function pathVariable(path: string): string | undefined {
  const root = tryParse(path)?.root;
  return root?.kind === 'variable' ? root.name : undefined;
}

/** True if `value` is a valid `field.$` expression: a path or an intrinsic call. */
export function isPathOrIntrinsic(value: string): boolean {
  return looksLikeIntrinsic(value) ? isIntrinsicValid(value.trim()) : isPathValid(value);
}

/**
 * Checks every `.$` field of a payload template (recursing into objects and arrays) and returns
 * AWS's SCHEMA_VALIDATION_FAILED messages, e.g. "The value for the field 'x.$' must be a valid
 * JSONPath or a valid intrinsic function call". Empty when the template is valid.
 */
export function validatePayloadTemplate(template: unknown): string[] {
  const problems: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isJsonObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key.endsWith('.$') && key.length > 2) {
          if (typeof value !== 'string' || !isPathOrIntrinsic(value)) {
            problems.push(
              `The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`,
            );
          }
        } else visit(value);
      }
    }
  };
  visit(template);
  return problems;
}
