import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node as YamlNode,
  type ScalarTag,
  type CollectionTag,
} from 'yaml';

/**
 * Reading a template: YAML with CloudFormation's short-form tags (`!Ref`, `!GetAtt`, `!Sub`...) or
 * JSON, into plain JSON in the long form (`{ "Ref": ... }`, `{ "Fn::GetAtt": [...] }`), keeping
 * where each key was written so that an error can point at its line.
 */

/** A template (or a file it names) that cannot be read, with the place of the problem. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(
      line === undefined ? `${file}: ${message}` : `${file}:${line}:${column ?? 1}: ${message}`,
    );
    this.name = 'TemplateError';
  }
}

/** A parsed file: its JSON, and the line of each key by its path (`Resources.Fn.Properties`). */
export interface ParsedFile {
  file: string;
  body: unknown;
  /** The line (1-based) where the key at `path` was written, if known. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/** CloudFormation's short-form tags and the long form each stands for. */
const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!If': 'Fn::If',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!Split': 'Fn::Split',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!GetAZs': 'Fn::GetAZs',
  '!Transform': 'Fn::Transform',
  '!ToJsonString': 'Fn::ToJsonString',
  '!Length': 'Fn::Length',
};

// Each tag keeps its node as is (scalar, sequence or mapping); `toJson` below turns the tagged
// node into the long form, so one walk does the conversion and records positions.
const CUSTOM_TAGS: (ScalarTag | CollectionTag)[] = Object.keys(SHORT_FORMS).flatMap((tag) => [
  { tag, resolve: (s: string) => s } as ScalarTag,
  { tag, collection: 'seq', resolve: (v: unknown) => v } as unknown as CollectionTag,
  { tag, collection: 'map', resolve: (v: unknown) => v } as unknown as CollectionTag,
]);

/**
 * Parses a template or a file it names (YAML or JSON). Throws {@link TemplateError} with the line
 * and column of the first problem. Duplicate keys are accepted (the last wins), as CloudFormation's
 * own YAML reader does.
 */
export function parseFile(text: string, file: string): ParsedFile {
  let source = text;
  // CloudFormation's YAML reader accepts a flow sequence that starts on the key's line and goes
  // on at the key's indentation; YAML 1.2 does not. Indent such lines and read again.
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      return parseOnce(source, file);
    } catch (e) {
      const fixed = e instanceof TemplateError ? indentFlow(source, e) : undefined;
      if (fixed === undefined) {
        if (attempt === 0) throw e;
        return parseOnce(text, file); // the first error is the one to report
      }
      source = fixed;
    }
  }
  return parseOnce(text, file);
}

/** Indents the lines of an under-indented flow collection (see parseFile); undefined if not that. */
function indentFlow(text: string, e: TemplateError): string | undefined {
  if (!/sufficiently indented/.test(e.message) || e.line === undefined) return undefined;
  const lines = text.split('\n');
  // The collection opens on the nearest line above that ends with [ or {.
  let open = e.line - 1;
  while (open >= 0 && !/[[{]\s*$/.test(lines[open] ?? '')) open--;
  if (open < 0) return undefined;
  const keyIndent = /^\s*/.exec(lines[open] ?? '')?.[0].length ?? 0;
  let depth = 0;
  for (let i = open; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (i > open) {
      const indent = /^\s*/.exec(line)?.[0].length ?? 0;
      if (indent <= keyIndent) lines[i] = ' '.repeat(keyIndent + 2 - indent) + line;
    }
    for (const ch of line) {
      if (ch === '[' || ch === '{') depth++;
      if (ch === ']' || ch === '}') depth--;
    }
    if (depth <= 0) return lines.join('\n');
  }
  return undefined;
}

function parseOnce(text: string, file: string): ParsedFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    customTags: CUSTOM_TAGS,
    lineCounter,
    uniqueKeys: false,
    prettyErrors: false,
    strict: false,
  });
  const error = doc.errors[0];
  if (error) {
    // A JSON file that YAML cannot read (tabs in odd places...) may still be JSON.
    const json = tryJson(text);
    if (json !== undefined) return { file, body: json, lineOf: () => undefined };
    const pos = lineCounter.linePos(error.pos[0]);
    throw new TemplateError(firstLine(error.message), file, pos.line, pos.col);
  }
  const lines = new Map<string, number>();
  const body = toJson(doc.contents as YamlNode | null, [], lines, lineCounter, file);
  return { file, body, lineOf: (path) => lines.get(path.join('.')) };
}

function tryJson(text: string): unknown {
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function toJson(
  node: YamlNode | null,
  path: (string | number)[],
  lines: Map<string, number>,
  lc: LineCounter,
  file: string,
): unknown {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) {
    throw new TemplateError(
      'YAML aliases are not allowed in CloudFormation templates',
      file,
      node.range ? lc.linePos(node.range[0]).line : undefined,
    );
  }
  let value: unknown;
  if (isScalar(node)) value = node.value;
  else if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const p = [...path, key];
      if (keyNode?.range) lines.set(p.join('.'), lc.linePos(keyNode.range[0]).line);
      out[key] = toJson(pair.value as YamlNode | null, p, lines, lc, file);
    }
    value = out;
  } else if (isSeq(node)) {
    value = node.items.map((item, i) => {
      const p = [...path, i];
      const n = item as YamlNode | null;
      if (n?.range) lines.set(p.join('.'), lc.linePos(n.range[0]).line);
      return toJson(n, p, lines, lc, file);
    });
  } else value = null;
  const tag = node.tag;
  const long = tag === undefined ? undefined : SHORT_FORMS[tag];
  if (long === undefined) return value;
  if (long === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { [long]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [long]: value };
}
