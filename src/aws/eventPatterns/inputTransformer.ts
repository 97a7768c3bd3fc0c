/**
 * What a rule's target receives: the whole event, the part an InputPath selects, or the text an
 * InputTransformer builds. Transformer rules, from the EventBridge documentation and recorded AWS
 * output:
 * - the template is used verbatim, with each `<name>` replaced (a string template keeps its
 *   quotes: `"at <time>"` yields `"at 2024-…"`, quotes included);
 * - in a JSON template (one starting with `{` or `[`), a placeholder outside a JSON string is
 *   replaced by the value as JSON (strings get quotes and escapes); inside a string, and in any
 *   non-JSON template, strings go in as-is, unescaped, and other values as JSON text;
 * - a variable whose path matches nothing is replaced by the empty string;
 * - `aws.events.event` (the event without `detail`) and `aws.events.event.json` (all of it) are
 *   JSON and are never escaped; rule ARN, rule name and ingestion time are strings.
 */
import { evaluateJsonPath } from './jsonPath';

/** The target's InputTransformer, as PutTargets takes it. */
export interface InputTransformer {
  InputPathsMap?: Record<string, string>;
  InputTemplate: string;
}

/** Values of the predefined variables (the simulator knows the rule and the ingestion time). */
export interface TransformContext {
  ruleArn?: string;
  ruleName?: string;
  /** ISO 8601; defaults to the event's `time`. */
  ingestionTime?: string;
}

const PLACEHOLDER = /<([A-Za-z0-9_.-]+)>/y;

interface Variable {
  /** Text used outside JSON strings of a JSON template. */
  json: string;
  /** Text used everywhere else. */
  raw: string;
}

function readEvent(event: unknown): unknown {
  return typeof event === 'string' ? JSON.parse(event) : event;
}

function variable(value: unknown): Variable {
  const json = JSON.stringify(value) ?? '';
  return { json, raw: typeof value === 'string' ? value : json };
}

function predefined(event: unknown, context: TransformContext): Map<string, Variable> {
  const vars = new Map<string, Variable>();
  const record =
    event !== null && typeof event === 'object' && !Array.isArray(event)
      ? (event as Record<string, unknown>)
      : {};
  const time = typeof record.time === 'string' ? record.time : '';
  vars.set('aws.events.rule-arn', variable(context.ruleArn ?? ''));
  vars.set('aws.events.rule-name', variable(context.ruleName ?? ''));
  vars.set('aws.events.event.ingestion-time', variable(context.ingestionTime ?? time));
  const withoutDetail = Object.fromEntries(Object.entries(record).filter(([k]) => k !== 'detail'));
  const envelope = JSON.stringify(withoutDetail);
  vars.set('aws.events.event', { json: envelope, raw: envelope });
  const full = JSON.stringify(event) ?? '';
  vars.set('aws.events.event.json', { json: full, raw: full });
  return vars;
}

/**
 * Builds the target input from an InputTransformer and an event (object or JSON text). Unknown
 * placeholders (which AWS rejects when the target is created) are left as written.
 */
export function applyInputTransformer(
  transformer: InputTransformer,
  event: unknown,
  context: TransformContext = {},
): string {
  const root = readEvent(event);
  const vars = predefined(root, context);
  const missing = new Set<string>();
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) {
    if (vars.has(name)) continue; // reserved names cannot be redefined
    const r = evaluateJsonPath(path, root);
    if (r.found) vars.set(name, variable(r.value));
    else missing.add(name);
  }
  const template = transformer.InputTemplate;
  const first = template.trimStart()[0];
  const isJson = first === '{' || first === '[';
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i] ?? '';
    if (c === '<') {
      PLACEHOLDER.lastIndex = i;
      const m = PLACEHOLDER.exec(template);
      const name = m?.[1];
      if (m && name !== undefined && (vars.has(name) || missing.has(name))) {
        const v = vars.get(name);
        out += v ? (isJson && !inString ? v.json : v.raw) : '';
        i += m[0].length - 1;
        continue;
      }
    }
    if (isJson) {
      if (c === '\\' && inString) {
        out += c + (template[i + 1] ?? '');
        i++;
        continue;
      }
      if (c === '"') inString = !inString;
    }
    out += c;
  }
  return out;
}

/**
 * The input a target with an InputPath receives: the selected part of the event as JSON text,
 * or undefined when the path selects nothing.
 */
export function applyInputPath(inputPath: string, event: unknown): string | undefined {
  const r = evaluateJsonPath(inputPath, readEvent(event));
  return r.found ? JSON.stringify(r.value) : undefined;
}
