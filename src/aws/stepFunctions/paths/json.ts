/**
 * Small JSON helpers shared by the path and intrinsic layers: type guards, structural equality and
 * the compact serialisation AWS uses when it quotes a document inside an error cause.
 */

/** A JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Compact JSON text of a value, as AWS prints a document in a cause (`{"a":1}`). `undefined`
 * prints as `null` so the result is always a string.
 */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/**
 * Structural JSON equality: objects compare by key set regardless of key order, arrays
 * element-wise, numbers by value (so `0` equals `-0`).
 */
export function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEquals(item, b[i]));
  }
  if (Array.isArray(b)) return false;
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && jsonEquals(ao[k], bo[k]));
}

/** Own-property lookup that ignores the prototype chain (`constructor`, `__proto__`, ...). */
export function hasOwn(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Normalises `-0` to `0` (JSON has no negative zero; AWS prints `0`). */
export function normalizeZero(n: number): number {
  return n === 0 ? 0 : n;
}
