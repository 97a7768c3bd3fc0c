/**
 * Evaluates a parsed JSONPath against a document with Jayway's semantics, which is what AWS runs:
 * while the path so far is definite, a missing member or a type mismatch is an error with
 * Jayway's message; once an indefinite step (wildcard, slice, filter, scan, list) has been taken,
 * misses are skipped and the result is the array of matches (possibly empty).
 */
import { evaluateFilter, type FilterExpr } from './filter';
import { hasOwn, isJsonObject, toJsonText } from './json';
import { isDefiniteSegment, parsePath, type ParsedPath, type Segment } from './parse';

/** The outcome of evaluating a path: a value, or a miss with Jayway's explanation. */
export type PathResult = { found: true; value: unknown } | { found: false; message: string };

/** Evaluation options. */
export interface EvaluateOptions {
  /**
   * Treat an out-of-range array index as a miss. AWS resolves `"a.$": "$.items[5]"` to null but
   * fails an intrinsic argument `$.items[5]`, so intrinsics pass true.
   */
  strictIndex?: boolean;
}

const PROVIDER = 'com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider';

interface Node {
  value: unknown;
  path: string;
}

class Miss {
  constructor(readonly message: string) {}
}

/** Evaluates `parsed` against `doc` (the document its root refers to). */
export function evaluatePath(
  parsed: ParsedPath,
  doc: unknown,
  options: EvaluateOptions = {},
): PathResult {
  if (parsed.definite) {
    // The common case, a definite path that finds its value: no node records, no path text.
    const value = definiteValue(parsed.segments, doc);
    if (value !== NOT_FOUND) return { found: true, value };
  }
  let nodes: Node[] = [{ value: doc, path: '$' }];
  let upstreamDefinite = true;
  const last = parsed.segments.length - 1;
  try {
    parsed.segments.forEach((seg, i) => {
      if (upstreamDefinite && isDefiniteSegment(seg)) {
        const only = nodes[0] as Node;
        nodes = [definiteStep(seg, only, i === last, options, parsed)];
      } else {
        nodes = nodes.flatMap((n) => looseStep(seg, n, doc));
        upstreamDefinite = false;
      }
    });
  } catch (e) {
    if (e instanceof Miss) return { found: false, message: e.message };
    throw e;
  }
  if (parsed.definite) return { found: true, value: (nodes[0] as Node).value };
  return { found: true, value: nodes.map((n) => n.value) };
}

const NOT_FOUND = Symbol('notFound');

/**
 * The value a definite path selects, or NOT_FOUND whenever anything is not plainly there (the
 * general evaluation then says why, with Jayway's message).
 */
function definiteValue(segments: readonly Segment[], doc: unknown): unknown {
  let value = doc;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as Segment;
    if (seg.kind === 'property') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return NOT_FOUND;
      const name = seg.names[0] as string;
      if (seg.names.length !== 1 || !hasOwn(value as Record<string, unknown>, name))
        return NOT_FOUND;
      value = (value as Record<string, unknown>)[name];
    } else if (seg.kind === 'index') {
      if (!Array.isArray(value) || seg.indices.length !== 1) return NOT_FOUND;
      const raw = seg.indices[0] as number;
      const index = raw < 0 ? value.length + raw : raw;
      if (index < 0 || index >= value.length) return NOT_FOUND;
      value = value[index];
    } else return NOT_FOUND;
  }
  return value;
}

/** Jayway's normalized form of a definite path, e.g. `$['a'][0]`. */
export function normalizedPath(parsed: ParsedPath): string {
  return '$' + parsed.segments.map(fragment).join('');
}

function fragment(seg: Segment): string {
  switch (seg.kind) {
    case 'property':
      return '[' + seg.names.map((n) => `'${n}'`).join(',') + ']';
    case 'index':
      return `[${seg.indices.join(',')}]`;
    case 'slice':
      return `[${seg.start ?? ''}:${seg.end ?? ''}]`;
    case 'wildcard':
      return '[*]';
    case 'filter':
      return '[?]';
    case 'scan':
      return '..' + fragment(seg.target);
  }
}

function definiteStep(
  seg: Segment,
  node: Node,
  leaf: boolean,
  options: EvaluateOptions,
  parsed: ParsedPath,
): Node {
  if (seg.kind === 'property') {
    const name = seg.names[0] as string;
    const frag = fragment(seg);
    if (!isJsonObject(node.value)) {
      throw new Miss(
        `Expected to find an object with property ${frag} in path ${node.path} but found '${javaClassName(node.value)}'. ` +
          `This is not a json object according to the JsonProvider: '${PROVIDER}'.`,
      );
    }
    if (!hasOwn(node.value, name)) {
      throw new Miss(
        leaf
          ? `No results for path: ${normalizedPath(parsed)}`
          : `Missing property in path ${node.path}${frag}`,
      );
    }
    return { value: node.value[name], path: node.path + frag };
  }
  const index = (seg as { indices: number[] }).indices[0] as number;
  const frag = `[${index}]`;
  if (node.value === null || node.value === undefined)
    throw new Miss(`The path ${node.path} is null`);
  if (!Array.isArray(node.value)) {
    throw new Miss(
      `Filter: ${frag} can only be applied to arrays. Current context is: ${javaToString(node.value)}`,
    );
  }
  const effective = index < 0 ? node.value.length + index : index;
  if (effective < 0 || effective >= node.value.length) {
    // Jackson answers null for an index past the end; only intrinsic arguments treat it as a miss.
    if (options.strictIndex) throw new Miss(`No results for path: ${normalizedPath(parsed)}`);
    return { value: null, path: node.path + frag };
  }
  return { value: node.value[effective], path: node.path + frag };
}

function children(value: unknown, path: string): Node[] {
  if (Array.isArray(value)) return value.map((v, i) => ({ value: v, path: `${path}[${i}]` }));
  if (isJsonObject(value))
    return Object.entries(value).map(([k, v]) => ({ value: v, path: `${path}['${k}']` }));
  return [];
}

function looseStep(seg: Segment, node: Node, root: unknown): Node[] {
  const v = node.value;
  switch (seg.kind) {
    case 'property':
      if (!isJsonObject(v)) return [];
      return seg.names
        .filter((n) => hasOwn(v, n))
        .map((n) => ({ value: v[n], path: `${node.path}['${n}']` }));
    case 'index': {
      if (!Array.isArray(v)) return [];
      const out: Node[] = [];
      for (const i of seg.indices) {
        const e = i < 0 ? v.length + i : i;
        if (e >= 0 && e < v.length) out.push({ value: v[e], path: `${node.path}[${e}]` });
      }
      return out;
    }
    case 'slice':
      return Array.isArray(v) ? sliceNodes(v, seg.start, seg.end, node.path) : [];
    case 'wildcard':
      return children(v, node.path);
    case 'filter':
      return filterNodes(seg.expr, node, root);
    case 'scan':
      return scan(seg.target, node, root);
  }
}

function sliceNodes(
  arr: unknown[],
  start: number | undefined,
  end: number | undefined,
  path: string,
): Node[] {
  const len = arr.length;
  const clamp = (n: number) => Math.min(len, Math.max(0, n < 0 ? len + n : n));
  const from = start === undefined ? 0 : clamp(start);
  const to = end === undefined ? len : clamp(end);
  const out: Node[] = [];
  for (let i = from; i < to; i++) out.push({ value: arr[i], path: `${path}[${i}]` });
  return out;
}

function filterNodes(expr: FilterExpr, node: Node, root: unknown): Node[] {
  const accept = (candidate: unknown) =>
    evaluateFilter(expr, (relative, rest) => {
      const sub = evaluatePath(parsePath('$' + rest), relative ? candidate : root);
      return sub.found ? { found: true, value: sub.value } : { found: false, value: undefined };
    });
  if (Array.isArray(node.value))
    return children(node.value, node.path).filter((c) => accept(c.value));
  if (isJsonObject(node.value)) return accept(node.value) ? [node] : [];
  return [];
}

/** Deep scan: apply `target` at this node, then at every descendant, in document order. */
function scan(target: Segment, node: Node, root: unknown): Node[] {
  const out = looseStep(target, node, root);
  for (const child of children(node.value, node.path)) out.push(...scan(target, child, root));
  return out;
}

/** The Java class Jayway would name for a value unwrapped from Jackson. */
function javaClassName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'java.lang.String';
  if (typeof value === 'boolean') return 'java.lang.Boolean';
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'java.lang.Double';
    return Math.abs(value) <= 2147483647 ? 'java.lang.Integer' : 'java.lang.Long';
  }
  return Array.isArray(value)
    ? 'com.fasterxml.jackson.databind.node.ArrayNode'
    : 'com.fasterxml.jackson.databind.node.ObjectNode';
}

/** Java `toString()` of an unwrapped value: strings bare, containers as compact JSON. */
function javaToString(value: unknown): string {
  return typeof value === 'string' ? value : toJsonText(value);
}
