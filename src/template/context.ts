import type { ServiceKind } from '../kit';
import { PSEUDO, refsIn, type Resolver } from './intrinsics';
import { Arch, type ArchNode } from './model';
import { parseFile, TemplateError, type ParsedFile } from './parse';

/** A template and the files next to it (state machine definitions, OpenAPI), by relative path. */
export type TemplateFiles = Record<string, string>;

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
export const asList = (v: unknown): unknown[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
export const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};
export const bool = (v: unknown): boolean | undefined =>
  v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined;

/** One resource of the template, with its properties resolved. */
export interface Resource {
  id: string;
  type: string;
  props: Obj;
  /** The resolved resource entry (Properties, Metadata...). */
  line?: number;
}

/** What the translation steps share: the template, its files, the architecture being built. */
export class TranslateContext {
  readonly arch = new Arch();
  readonly resources = new Map<string, Resource>();
  /** Physical names (QueueName, TopicName, FunctionName...) → logical id. */
  readonly byName = new Map<string, string>();

  constructor(
    readonly template: ParsedFile,
    readonly resolver: Resolver,
    readonly files: TemplateFiles,
    /** The template's folder within `files` ('' at the top). */
    readonly dir: string,
  ) {}

  lineOf(id: string, ...path: string[]): number | undefined {
    return this.template.lineOf(['Resources', id, ...path]);
  }

  resolve(value: unknown, path: string): unknown {
    return this.resolver.resolve(value, path);
  }

  node(id: string): ArchNode | undefined {
    return this.arch.nodes.get(id);
  }

  /**
   * The node a value names: a reference to a resource, else a physical name or an ARN whose last
   * part is a name the template gives one of its resources. `kinds` limits what counts.
   */
  target(value: unknown, kinds?: readonly ServiceKind[]): string | undefined {
    const ok = (id: string | undefined) => {
      if (!id) return false;
      const n = this.arch.nodes.get(id);
      return n !== undefined && (!kinds || kinds.includes(n.kind));
    };
    for (const id of refsIn(value)) if (ok(id)) return id;
    const named = (text: string) => {
      const direct = this.byName.get(text);
      if (ok(direct)) return direct;
      // An ARN or URL naming it: the name is one of its segments (`function:<name>:alias`).
      for (const part of text.split(/[:/]/).reverse()) {
        const id = this.byName.get(part);
        if (ok(id)) return id;
      }
      return undefined;
    };
    if (typeof value === 'string' && value !== '') {
      const found = named(value);
      if (found) return found;
    }
    // Inside a mapping template or request parameters: the ARNs, queue URLs and table names the
    // text spells out (`"stateMachineArn": "arn:aws:states:...:stateMachine:Orders"`).
    for (const text of stringsIn(value))
      for (const m of text.matchAll(NAMED_IN_TEXT)) {
        const found = named(m[1] ?? m[2] ?? '');
        if (found) return found;
      }
    return undefined;
  }

  /**
   * Reads a file the template names (a `DefinitionUri`, an OpenAPI `Location`), relative to the
   * template's folder. Undefined when it is not among the files given.
   */
  readFile(relative: string): ParsedFile | undefined {
    const clean = relative.replace(/^\.\//, '');
    const candidates = [joinPath(this.dir, clean), clean];
    const lower = new Map(Object.keys(this.files).map((k) => [k.toLowerCase(), k]));
    // Files dropped loose (without their folders) are still found by name, if only one has it.
    const base = (p: string) => p.slice(p.lastIndexOf('/') + 1).toLowerCase();
    const sameName = Object.keys(this.files).filter((k) => base(k) === base(clean));
    if (sameName.length === 1 && sameName[0]) candidates.push(sameName[0]);
    for (const wanted of candidates) {
      // As on a case-insensitive disk, where many templates were written and deployed.
      const path = wanted in this.files ? wanted : (lower.get(wanted.toLowerCase()) ?? wanted);
      const text = this.files[path];
      if (text !== undefined) {
        try {
          return parseFile(text, path);
        } catch (e) {
          if (e instanceof TemplateError) throw e;
          throw new TemplateError(String(e), path);
        }
      }
    }
    return undefined;
  }
}

/** An ARN, an SQS queue URL, or the value of a name field, in free text (a mapping template). */
const NAMED_IN_TEXT =
  /(arn:[^\s"'\\]+|https:\/\/sqs\.[^\s"'\\]+)|"(?:TableName|QueueName|TopicName|EventBusName|StateMachineName)"\s*:\s*"([^"\\]+)"/g;

/** Every string in a value (nested mappings and lists included), at most a few hundred. */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (out.length > 500) return out;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (isObj(value)) for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

export function joinPath(dir: string, rel: string): string {
  const parts = (dir ? `${dir}/${rel}` : rel).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
}

/** A plausible ARN (or URL, or name) for a resource marker, as AWS would return it. */
export function concreteRef(
  ctx: TranslateContext,
  id: string,
  attribute: string | undefined,
): string {
  const type = ctx.resources.get(id)?.type ?? ctx.node(id)?.type ?? '';
  const region = PSEUDO['AWS::Region'] as string;
  const account = PSEUDO['AWS::AccountId'] as string;
  const a = attribute ?? '';
  if (/Lambda::Function|Serverless::Function/.test(type))
    return a === '' || a === 'Arn' ? `arn:aws:lambda:${region}:${account}:function:${id}` : id;
  if (/SQS::Queue/.test(type))
    return a === 'Arn'
      ? `arn:aws:sqs:${region}:${account}:${id}`
      : a === 'QueueName'
        ? id
        : `https://sqs.${region}.amazonaws.com/${account}/${id}`;
  if (/SNS::Topic/.test(type))
    return a === 'TopicName' ? id : `arn:aws:sns:${region}:${account}:${id}`;
  if (/Events::EventBus/.test(type))
    return a === 'Arn' ? `arn:aws:events:${region}:${account}:event-bus/${id}` : id;
  if (/StateMachine/.test(type))
    return a === 'Name' ? id : `arn:aws:states:${region}:${account}:stateMachine:${id}`;
  if (/DynamoDB::Table|SimpleTable/.test(type))
    return a === 'Arn' ? `arn:aws:dynamodb:${region}:${account}:table/${id}` : id;
  if (/S3::Bucket/.test(type))
    return a === 'Arn' ? `arn:aws:s3:::${id.toLowerCase()}` : id.toLowerCase();
  return a ? `${id}.${a}` : id;
}

/** Replaces every resource marker in `value` by a plausible ARN, URL or name. */
export function concretize<T>(ctx: TranslateContext, value: T): T {
  const text = JSON.stringify(value);
  if (text === undefined || !text.includes('@@ref:')) return value;
  const replaced = text.replace(
    /@@ref:([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?@@/g,
    (_m, id: string, attr: string | undefined) => concreteRef(ctx, id, attr),
  );
  return JSON.parse(replaced) as T;
}
