/**
 * The JSONPath subset EventBridge documents for InputPath and InputPathsMap: `$`, dot names (with
 * dashes, underscores, slashes…), bracketed names, array indices and `*` wildcards. A path
 * without wildcards selects one value or nothing; a path with wildcards selects a list (as
 * Jayway JsonPath, the Java library such services use, returns for indefinite paths).
 */

/** One step of a path. */
export type PathSegment =
  { kind: 'name'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

/** The outcome of evaluating a path: `found` is false when a definite path hits nothing. */
export interface PathResult {
  found: boolean;
  value: unknown;
}

/** Parses a path such as `$.detail.items[0].sku` or `$['detail']['state']`; null when malformed. */
export function parseJsonPath(path: string): PathSegment[] | null {
  const p = path.trim();
  if (!p.startsWith('$')) return null;
  const out: PathSegment[] = [];
  let i = 1;
  while (i < p.length) {
    const c = p[i];
    if (c === '.') {
      i++;
      if (p[i] === '*') {
        out.push({ kind: 'wildcard' });
        i++;
        continue;
      }
      let j = i;
      while (j < p.length && p[j] !== '.' && p[j] !== '[') j++;
      if (j === i) return null;
      out.push({ kind: 'name', name: p.slice(i, j) });
      i = j;
    } else if (c === '[') {
      const close = p.indexOf(']', i);
      if (close < 0) return null;
      const inner = p.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === '*') out.push({ kind: 'wildcard' });
      else if (/^-?\d+$/.test(inner)) out.push({ kind: 'index', index: Number(inner) });
      else if (/^'.*'$|^".*"$/.test(inner) && inner.length >= 2)
        out.push({ kind: 'name', name: inner.slice(1, -1) });
      else return null;
    } else return null;
  }
  return out;
}

function step(values: unknown[], seg: PathSegment): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    if (seg.kind === 'name') {
      if (
        v !== null &&
        typeof v === 'object' &&
        !Array.isArray(v) &&
        Object.prototype.hasOwnProperty.call(v, seg.name)
      ) {
        out.push((v as Record<string, unknown>)[seg.name]);
      }
    } else if (seg.kind === 'index') {
      if (Array.isArray(v)) {
        const at = seg.index < 0 ? v.length + seg.index : seg.index;
        if (at >= 0 && at < v.length) out.push(v[at]);
      }
    } else if (Array.isArray(v)) out.push(...v);
    else if (v !== null && typeof v === 'object') out.push(...Object.values(v));
  }
  return out;
}

/** Evaluates a path against a JSON value. */
export function evaluateJsonPath(path: string, root: unknown): PathResult {
  const segments = parseJsonPath(path);
  if (!segments) return { found: false, value: undefined };
  let values: unknown[] = [root];
  for (const seg of segments) values = step(values, seg);
  if (segments.some((s) => s.kind === 'wildcard')) return { found: true, value: values };
  return values.length > 0 ? { found: true, value: values[0] } : { found: false, value: undefined };
}
