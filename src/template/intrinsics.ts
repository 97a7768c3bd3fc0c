/**
 * CloudFormation's intrinsic functions, resolved the way a deployment would as far as a template
 * alone allows: parameters take their defaults (or values the user gives), pseudo parameters a
 * fixed account and Region, conditions are evaluated. A reference to a resource becomes a marker
 * naming it (`@@ref:Queue@@`, `@@ref:Queue.Arn@@`), so later stages know what points where. What
 * a template alone cannot tell (`Fn::ImportValue`, SSM parameters, a parameter without a default)
 * becomes an `@@unresolved:...@@` marker and is listed, never guessed.
 */

/** Something the resolver could not resolve, and where. */
export interface Unresolved {
  /** Where in the template, e.g. `Resources.Fn.Properties.Environment.Variables.QUEUE`. */
  path: string;
  /** What it is, e.g. `Fn::ImportValue SharedBus`. */
  what: string;
  why: string;
}

/** The marker that stands for a resource (and attribute) in resolved values. */
export function refMarker(logicalId: string, attribute?: string): string {
  return `@@ref:${logicalId}${attribute ? `.${attribute}` : ''}@@`;
}

const UNRESOLVED_PREFIX = '@@unresolved:';
const REF_RE = /@@ref:([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?@@/g;

/** The logical ids of every resource `value` refers to (in order of first mention). */
export function refsIn(value: unknown): string[] {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  const out: string[] = [];
  for (const m of text.matchAll(REF_RE)) if (m[1] && !out.includes(m[1])) out.push(m[1]);
  return out;
}

/** Whether a resolved value holds anything unresolved. */
export function hasUnresolved(value: unknown): boolean {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  return text.includes(UNRESOLVED_PREFIX);
}

/** What `AWS::NoValue` resolves to: the key or item is left out. */
const NO_VALUE = Symbol('AWS::NoValue');

/** The pseudo parameters, for one imaginary account and Region. */
export const PSEUDO: Record<string, string> = {
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '123456789012',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'imported-stack',
  'AWS::StackId':
    'arn:aws:cloudformation:us-east-1:123456789012:stack/imported-stack/00000000-0000-0000-0000-000000000000',
};

type Json = unknown;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Resolves the intrinsics of one template. */
export class Resolver {
  readonly unresolved: Unresolved[] = [];
  private readonly parameters: Obj;
  private readonly conditions: Obj;
  private readonly mappings: Obj;
  private readonly resources: Obj;
  private readonly conditionCache = new Map<string, boolean>();

  constructor(
    template: Obj,
    /** Parameter values given by the user, by name (strings, as CloudFormation takes them). */
    private readonly given: Record<string, string> = {},
  ) {
    this.parameters = isObj(template.Parameters) ? template.Parameters : {};
    this.conditions = isObj(template.Conditions) ? template.Conditions : {};
    this.mappings = isObj(template.Mappings) ? template.Mappings : {};
    this.resources = isObj(template.Resources) ? template.Resources : {};
  }

  /** Resolves `value` found at `path`; `AWS::NoValue` items and keys are left out. */
  resolve(value: Json, path: string): Json {
    const r = this.walk(value, path);
    return r === NO_VALUE ? undefined : r;
  }

  /** Whether the named condition holds (an unknown one does not, and is listed). */
  condition(name: string, path = `Conditions.${name}`): boolean {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    if (!(name in this.conditions)) {
      this.note(path, `Condition ${name}`, 'no such condition');
      return false;
    }
    this.conditionCache.set(name, false); // a cycle resolves to false instead of looping
    const v = this.walk(this.conditions[name], `Conditions.${name}`);
    const holds = v === true || v === 'true';
    this.conditionCache.set(name, holds);
    return holds;
  }

  /** The value of a parameter: given, else its default, else unresolved. */
  parameter(name: string, path: string): Json {
    const spec = this.parameters[name];
    const type = isObj(spec) ? String(spec.Type ?? '') : '';
    if (name in this.given) return this.typed(this.given[name] as string, type);
    if (type.startsWith('AWS::SSM::Parameter')) {
      return this.note(path, `Ref ${name}`, 'an SSM parameter: its value is read at deployment');
    }
    if (isObj(spec) && spec.Default !== undefined) return this.typed(spec.Default, type);
    return this.note(path, `Ref ${name}`, 'a parameter without a default value');
  }

  private typed(value: unknown, type: string): Json {
    if (type === 'CommaDelimitedList' || type.startsWith('List<'))
      return Array.isArray(value) ? value : String(value).split(',');
    return value;
  }

  private note(path: string, what: string, why: string): string {
    if (!this.unresolved.some((u) => u.path === path && u.what === what))
      this.unresolved.push({ path, what, why });
    return `${UNRESOLVED_PREFIX}${what}@@`;
  }

  private walk(value: Json, path: string): Json | typeof NO_VALUE {
    if (Array.isArray(value)) {
      const out: Json[] = [];
      value.forEach((item, i) => {
        const r = this.walk(item, `${path}.${i}`);
        if (r !== NO_VALUE) out.push(r);
      });
      return out;
    }
    if (typeof value === 'string') return this.dynamicReferences(value, path);
    if (!isObj(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const key = keys[0] as string;
      const arg = value[key];
      if (key === 'Ref') return this.ref(arg, path);
      if (key === 'Condition' && typeof arg === 'string') return this.condition(arg, path);
      if (key.startsWith('Fn::')) return this.fn(key, arg, path);
    }
    const out: Obj = {};
    for (const k of keys) {
      const r = this.walk(value[k], `${path}.${k}`);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }

  /** `{{resolve:ssm:...}}` and `{{resolve:secretsmanager:...}}` are read at deployment. */
  private dynamicReferences(text: string, path: string): string {
    if (!text.includes('{{resolve:')) return text;
    return text.replace(/\{\{resolve:([a-z-]+):([^}]*)\}\}/g, (_m, service: string, name: string) =>
      this.note(path, `{{resolve:${service}:${name}}}`, `a dynamic reference to ${service}`),
    );
  }

  private ref(arg: Json, path: string): Json | typeof NO_VALUE {
    const name = typeof arg === 'string' ? arg : String(this.walk(arg, path));
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (name === 'AWS::NotificationARNs') return [];
    if (name in PSEUDO) return PSEUDO[name] as string;
    if (name in this.parameters || name in this.given) return this.parameter(name, path);
    if (name in this.resources) return refMarker(name);
    return this.note(path, `Ref ${name}`, 'names nothing in the template');
  }

  private fn(key: string, arg: Json, path: string): Json | typeof NO_VALUE {
    const p = `${path}.${key}`;
    switch (key) {
      case 'Fn::GetAtt': {
        const parts = Array.isArray(arg)
          ? arg.map((a) => String(this.walk(a, p)))
          : String(arg).split('.');
        const [id, ...attr] = parts;
        if (!id || !(id in this.resources))
          return this.note(
            path,
            `Fn::GetAtt ${parts.join('.')}`,
            'names no resource of the template',
          );
        return refMarker(id, attr.join('.'));
      }
      case 'Fn::Sub':
        return this.sub(arg, p);
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2) return this.bad(path, key);
        const delimiter = String(this.walk(arg[0], p));
        const list = this.walk(arg[1], p);
        if (!Array.isArray(list)) return this.bad(path, key);
        return list.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(delimiter);
      }
      case 'Fn::Select': {
        if (!Array.isArray(arg) || arg.length !== 2) return this.bad(path, key);
        const index = Number(this.walk(arg[0], p));
        const list = this.walk(arg[1], p);
        if (!Array.isArray(list) || !Number.isInteger(index) || index < 0 || index >= list.length)
          return this.bad(path, key);
        return list[index] as Json;
      }
      case 'Fn::Split': {
        if (!Array.isArray(arg) || arg.length !== 2) return this.bad(path, key);
        const delimiter = String(this.walk(arg[0], p));
        const text = this.walk(arg[1], p);
        return typeof text === 'string' ? text.split(delimiter) : this.bad(path, key);
      }
      case 'Fn::If': {
        if (!Array.isArray(arg) || arg.length !== 3) return this.bad(path, key);
        const holds = this.condition(String(arg[0]), p);
        return this.walk(holds ? arg[1] : arg[2], p);
      }
      case 'Fn::Equals': {
        if (!Array.isArray(arg) || arg.length !== 2) return this.bad(path, key);
        const [a, b] = arg.map((x) => this.walk(x, p));
        return JSON.stringify(a) === JSON.stringify(b) || String(a) === String(b);
      }
      case 'Fn::Not': {
        const list = Array.isArray(arg) ? arg : [arg];
        const v = this.walk(list[0], p);
        return !(v === true || v === 'true');
      }
      case 'Fn::And':
      case 'Fn::Or': {
        if (!Array.isArray(arg)) return this.bad(path, key);
        const values = arg.map((x) => {
          const v = this.walk(x, p);
          return v === true || v === 'true';
        });
        return key === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
      }
      case 'Fn::FindInMap': {
        if (!Array.isArray(arg) || arg.length < 3) return this.bad(path, key);
        const [m, k1, k2] = arg.slice(0, 3).map((x) => String(this.walk(x, p)));
        const map = this.mappings[m as string];
        const row = isObj(map) ? map[k1 as string] : undefined;
        const v = isObj(row) ? row[k2 as string] : undefined;
        if (v !== undefined) return v as Json;
        const fallback = isObj(arg[3]) ? arg[3].DefaultValue : undefined;
        if (fallback !== undefined) return this.walk(fallback, p);
        return this.note(path, `Fn::FindInMap ${m}.${k1}.${k2}`, 'no such entry in Mappings');
      }
      case 'Fn::ImportValue':
        return this.note(
          path,
          `Fn::ImportValue ${JSON.stringify(this.walk(arg, p))}`,
          "another stack's export: only known at deployment",
        );
      case 'Fn::Base64':
        return this.walk(arg, p);
      case 'Fn::GetAZs':
        return ['us-east-1a', 'us-east-1b', 'us-east-1c'];
      case 'Fn::Cidr':
        return this.note(path, 'Fn::Cidr', 'address blocks are not simulated');
      case 'Fn::ToJsonString':
        return JSON.stringify(this.walk(arg, p));
      case 'Fn::Length': {
        const v = this.walk(arg, p);
        return Array.isArray(v) ? v.length : this.bad(path, key);
      }
      case 'Fn::Transform':
        // AWS::Include and macros run at deployment; SAM's reader expands AWS::Include itself.
        return { 'Fn::Transform': arg };
      default:
        return this.note(path, key, 'an intrinsic function this reader does not know');
    }
  }

  private bad(path: string, key: string): string {
    return this.note(path, key, 'its arguments do not resolve to what it needs');
  }

  private sub(arg: Json, path: string): Json {
    let text: string;
    let vars: Obj = {};
    if (typeof arg === 'string') text = arg;
    else if (Array.isArray(arg) && typeof arg[0] === 'string') {
      text = arg[0];
      const v = this.walk(arg[1], path);
      if (isObj(v)) vars = v;
    } else return this.bad(path, 'Fn::Sub');
    const out = text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      if (name in vars) {
        const v = vars[name];
        return typeof v === 'string' ? v : JSON.stringify(v);
      }
      if (name in PSEUDO) return PSEUDO[name] as string;
      const dot = name.indexOf('.');
      if (dot > 0) {
        const id = name.slice(0, dot);
        if (id in this.resources) return refMarker(id, name.slice(dot + 1));
      }
      if (name in this.parameters || name in this.given) {
        const v = this.parameter(name, path);
        return Array.isArray(v) ? v.join(',') : String(v);
      }
      if (name in this.resources) return refMarker(name);
      return this.note(path, `Fn::Sub ${whole}`, 'names nothing in the template');
    });
    return this.dynamicReferences(out, path);
  }
}
