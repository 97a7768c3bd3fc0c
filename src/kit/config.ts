import type { Distribution } from '../engine';
import type {
  ConditionalValue,
  ConfigValue,
  ParamBinding,
  ParamCondition,
  ParamValues,
} from './definition';

/** A resolved config value: plain JSON, no bindings left. */
export type Resolved = number | string | boolean | null | Resolved[] | { [key: string]: Resolved };

/** A resolved config record. */
export type ResolvedConfig = Record<string, Resolved>;

/** Whether a condition holds for these values (no condition always holds). */
export function holds(condition: ParamCondition | undefined, params: ParamValues): boolean {
  if (!condition) return true;
  if ('all' in condition) return condition.all.every((c) => params[c.param] === c.equals);
  return params[condition.param] === condition.equals;
}

/** The parameters a condition reads. */
export function conditionParams(condition: ParamCondition | undefined): string[] {
  if (!condition) return [];
  return 'all' in condition ? condition.all.map((c) => c.param) : [condition.param];
}

/** True for `{ "$param": ... }`. */
export function isBinding(value: unknown): value is ParamBinding {
  return typeof value === 'object' && value !== null && '$param' in value;
}

/** True for `{ "$if": ..., "then": ..., "else": ... }`. */
export function isConditional(value: unknown): value is ConditionalValue {
  return typeof value === 'object' && value !== null && '$if' in value;
}

/**
 * Resolves bindings and conditions against the parameter values, recursively. A binding to a
 * parameter that does not exist throws: the integrity tests catch that for every pattern.
 */
export function resolveValue(value: ConfigValue, params: ParamValues): Resolved {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, params));
  if (isBinding(value)) {
    const v = params[value.$param];
    if (v === undefined) throw new Error(`config binds to unknown parameter "${value.$param}"`);
    if (typeof v !== 'number') return v;
    return v * (value.times ?? 1) + (value.plus ?? 0);
  }
  if (isConditional(value)) {
    return resolveValue(holds(value.$if, params) ? value.then : value.else, params);
  }
  const out: Record<string, Resolved> = {};
  for (const [key, v] of Object.entries(value)) out[key] = resolveValue(v, params);
  return out;
}

/** Resolves a whole config record. */
export function resolveConfig(
  config: Record<string, ConfigValue> | undefined,
  params: ParamValues,
): ResolvedConfig {
  const out: ResolvedConfig = {};
  for (const [key, v] of Object.entries(config ?? {})) out[key] = resolveValue(v, params);
  return out;
}

/** Every parameter id a config value refers to (for the integrity checks). */
export function paramRefs(value: ConfigValue | undefined, out: string[] = []): string[] {
  if (value === null || value === undefined || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const v of value) paramRefs(v, out);
    return out;
  }
  if (isBinding(value)) {
    out.push(value.$param);
    return out;
  }
  if (isConditional(value)) {
    out.push(...conditionParams(value.$if));
    paramRefs(value.then, out);
    paramRefs(value.else, out);
    return out;
  }
  for (const v of Object.values(value)) paramRefs(v, out);
  return out;
}

/** A typed reader over a resolved config, with defaults and clear errors. */
export class ConfigReader {
  constructor(
    /** Who the config belongs to, for error messages ("node salesQueue"). */
    readonly owner: string,
    readonly values: ResolvedConfig,
  ) {}

  /** A number; `fallback` when absent or null. */
  num(key: string, fallback?: number): number {
    const v = this.values[key];
    if (v === undefined || v === null) {
      if (fallback === undefined) throw new Error(`${this.owner}: config "${key}" is required`);
      return fallback;
    }
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new Error(`${this.owner}: config "${key}" must be a number, got ${JSON.stringify(v)}`);
    return v;
  }

  /** A number or undefined (absent or null). */
  optNum(key: string): number | undefined {
    const v = this.values[key];
    return v === undefined || v === null ? undefined : this.num(key);
  }

  /** A boolean; `fallback` when absent. */
  bool(key: string, fallback: boolean): boolean {
    const v = this.values[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean')
      throw new Error(`${this.owner}: config "${key}" must be true or false`);
    return v;
  }

  /** A string; `fallback` when absent. */
  str(key: string, fallback: string): string {
    const v = this.values[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'string') throw new Error(`${this.owner}: config "${key}" must be a string`);
    return v;
  }

  /** A distribution (see {@link toDistribution}); `fallback` when absent. */
  dist(key: string, fallback: Distribution): Distribution {
    const v = this.values[key];
    if (v === undefined || v === null) return fallback;
    return toDistribution(v, `${this.owner}: config "${key}"`);
  }

  /** A nested record, or undefined. */
  record(key: string): ResolvedConfig | undefined {
    const v = this.values[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v))
      throw new Error(`${this.owner}: config "${key}" must be an object`);
    return v;
  }
}

/**
 * Reads a distribution from config: a number is a constant; otherwise `{kind, ...}` as the
 * engine's {@link Distribution}, where a constant may give its `mean` instead of `value`, and
 * `lognormal` takes `cv` (default 0.3), so one record with a `kind` bound to a choice parameter
 * serves constant, exponential and log-normal alike.
 */
export function toDistribution(value: Resolved, where = 'distribution'): Distribution {
  if (typeof value === 'number') return { kind: 'constant', value: Math.max(0, value) };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${where} must be a number or {kind, ...}`);
  const n = (key: string, fallback?: number): number => {
    const v = value[key];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (fallback !== undefined) return fallback;
    throw new Error(`${where}: "${key}" must be a number`);
  };
  switch (value.kind) {
    case 'constant':
      return { kind: 'constant', value: n('value', n('mean', 0)) };
    case 'exponential':
      return { kind: 'exponential', mean: n('mean') };
    case 'uniform':
      return { kind: 'uniform', min: n('min'), max: n('max') };
    case 'normal':
      return { kind: 'normal', mean: n('mean'), sd: n('sd') };
    case 'lognormal':
      return { kind: 'lognormal', mean: n('mean'), cv: n('cv', 0.3) };
    case 'empirical': {
      const samples = value.samples;
      if (!Array.isArray(samples) || samples.some((s) => typeof s !== 'number'))
        throw new Error(`${where}: "samples" must be a list of numbers`);
      return { kind: 'empirical', samples: samples as number[] };
    }
    default:
      throw new Error(`${where}: unknown distribution kind ${JSON.stringify(value.kind)}`);
  }
}
