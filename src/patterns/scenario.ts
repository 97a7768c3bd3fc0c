import { decodeLinkJson, encodeLinkJson } from '../kit/linkCodec';
import { LINK_DEFINITION_KEYS } from '../kit/linkKeys';
import { clipText, defaultParams, formatParamValue, resolveParams } from './params';
import type { ParamValue, ParamValues, Pattern, PatternDefinition } from './types';

/** The `format` field of a scenario file, so a stray JSON file is recognised as not one. */
export const SCENARIO_FORMAT = 'aws-integration-pattern-scenario';
/** The version this code writes; it reads this one only. */
export const SCENARIO_VERSION = 1;

/**
 * A run as data: enough to reproduce it exactly, in the app (Import) or headless
 * (`npm run sim -- --scenario <file.json>`). Same pattern, parameters, seed and rules give the
 * same numbers at the same simulated time.
 */
export interface Scenario {
  format: typeof SCENARIO_FORMAT;
  version: typeof SCENARIO_VERSION;
  /** The pattern id (as in links and `--list`). */
  pattern: string;
  /** Every parameter's value, by parameter id (defaults included, so the file reads on its own). */
  params: ParamValues;
  seed: number;
  /** Rules (filter policies, event patterns) edited by the user, by edge id. */
  rules: Record<string, Record<string, unknown>>;
  /**
   * Edited definitions other than rules (e.g. a state machine's), by node id. Kept as given, so a
   * file from a newer app loses nothing when it passes through this one.
   */
  definitions?: Record<string, unknown>;
  /**
   * What the reader brought, as the JSON a share link carries compressed: `template` (an
   * imported architecture: its definition and what it left out) and `asl` (an imported workflow
   * in place of the pattern's own). Absent for a built-in pattern as it comes.
   */
  imported?: Partial<Record<ImportedKey, unknown>>;
  /** Playback speed (simulated seconds per wall second) when it was exported. */
  speed: number;
  /** Simulated time in seconds when it was exported: the headless run stops there. */
  timeS: number;
}

/** The kinds of definition a reader can bring (the link keys that carry them). */
export type ImportedKey = keyof typeof LINK_DEFINITION_KEYS;

/** What {@link scenarioOf} needs: a run's settings and where playback was. */
export interface ScenarioSource {
  /** The pattern run (an imported one brings its definition along through `linkParams`). */
  pattern: PatternDefinition & { linkParams?: Readonly<Record<string, string>> };
  params: ParamValues;
  seed: number;
  rules?: Record<string, Record<string, unknown>>;
  definitions?: Record<string, unknown>;
  speed: number;
  timeMs: number;
}

/** The scenario of a run (times rounded to the millisecond). */
export function scenarioOf(source: ScenarioSource): Scenario {
  const params: ParamValues = { ...defaultParams(source.pattern) };
  for (const spec of source.pattern.params) {
    const value = source.params[spec.id];
    if (value !== undefined) params[spec.id] = value;
  }
  return {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    pattern: source.pattern.id,
    params,
    seed: source.seed,
    rules: { ...(source.rules ?? {}) },
    ...(source.definitions && Object.keys(source.definitions).length > 0
      ? { definitions: source.definitions }
      : {}),
    ...importedOf(source.pattern.linkParams ?? {}),
    speed: source.speed,
    timeS: Math.round(source.timeMs) / 1000,
  };
}

/** The `imported` field of a pattern's scenario: what its link carries, decompressed. */
function importedOf(linkParams: Readonly<Record<string, string>>): Pick<Scenario, 'imported'> {
  const imported: Partial<Record<ImportedKey, unknown>> = {};
  for (const key of Object.keys(LINK_DEFINITION_KEYS) as ImportedKey[]) {
    const text = linkParams[LINK_DEFINITION_KEYS[key]];
    if (text !== undefined) imported[key] = decodeLinkJson(text);
  }
  return Object.keys(imported).length > 0 ? { imported } : {};
}

/**
 * The link keys a scenario file's `imported` field stands for (`{template: "<compressed>"}`), so
 * that the app and the CLI rebuild its pattern the way they read a link; or the problems, each
 * naming its field. Read this before {@link parseScenario}: the pattern it asks for comes from it.
 */
export function scenarioImports(
  text: string,
): { linkParams: Partial<Record<ImportedKey, string>> } | { errors: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { errors: [`The file is not JSON: ${(e as Error).message}.`] };
  }
  const imported = isObject(data) ? data.imported : undefined;
  if (imported === undefined) return { linkParams: {} };
  if (!isObject(imported))
    return { errors: ['Field "imported" must be an object (keys "template" and "asl").'] };
  const errors: string[] = [];
  const linkParams: Partial<Record<ImportedKey, string>> = {};
  for (const [key, value] of Object.entries(imported)) {
    if (!(key in LINK_DEFINITION_KEYS))
      errors.push(`Field "imported.${clipText(key)}": only "template" and "asl" can be imported.`);
    else if (!isObject(value)) errors.push(`Field "imported.${key}" must be a JSON object.`);
    else linkParams[key as ImportedKey] = encodeLinkJson(value);
  }
  return errors.length > 0 ? { errors } : { linkParams };
}

/** A scenario read back and checked: its pattern found, its parameters parsed. */
export interface LoadedScenario {
  pattern: Pattern;
  params: ParamValues;
  seed: number;
  rules: Record<string, Record<string, unknown>>;
  definitions: Record<string, unknown>;
  speed: number;
  timeMs: number;
}

/** The scenario as text, the way Export writes it (two-space JSON, one trailing newline). */
export function scenarioText(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

const MAX_SEED = 0xffffffff;
/** The same bounds as the app's speed control and the run's length (one simulated day). */
const MIN_SPEED = 0.1;
const MAX_SPEED = 1000;
const MAX_TIME_S = 86_400;

/**
 * Reads a scenario file's text. Returns the scenario, or every problem found, each naming the
 * field (`params.paymentRate`, `rules.topicToEmail`...), so a hand-edited file can be fixed in
 * one go. Nothing is guessed: a bad value is an error, not a default.
 */
export function parseScenario(
  text: string,
  patterns: readonly Pattern[],
): { scenario: LoadedScenario } | { errors: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { errors: [`The file is not JSON: ${(e as Error).message}.`] };
  }
  if (!isObject(data)) return { errors: ['The file must hold one JSON object.'] };
  const errors: string[] = [];
  if (data.format !== SCENARIO_FORMAT)
    errors.push(`Field "format" must be "${SCENARIO_FORMAT}": this is not a scenario file.`);
  if (data.version !== SCENARIO_VERSION)
    errors.push(`Field "version" must be ${SCENARIO_VERSION}, got ${show(data.version)}.`);

  const pattern =
    typeof data.pattern === 'string' ? patterns.find((p) => p.id === data.pattern) : undefined;
  if (!pattern) {
    errors.push(
      `Field "pattern" must name a known pattern (${patterns.map((p) => p.id).join(', ')}), got ${show(data.pattern)}.`,
    );
    return { errors };
  }

  const raw: Record<string, string> = {};
  if (data.params !== undefined && !isObject(data.params))
    errors.push('Field "params" must be an object of parameter id to value.');
  else
    for (const [id, value] of Object.entries(data.params ?? {})) {
      if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')
        raw[id] = formatParamValue(value as ParamValue);
      else errors.push(`Field "params.${clipText(id)}" must be a number, a string or true/false.`);
    }
  const resolved = resolveParams(pattern, raw);
  for (const error of resolved.errors)
    errors.push(`Field "params.${clipText(error.param)}": ${error.message}.`);

  const seed = data.seed ?? 1;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)
    errors.push(`Field "seed" must be a whole number from 0 to ${MAX_SEED}, got ${show(seed)}.`);

  const rules: Record<string, Record<string, unknown>> = {};
  if (data.rules !== undefined && !isObject(data.rules))
    errors.push('Field "rules" must be an object of edge id to rule.');
  else
    for (const [edgeId, rule] of Object.entries(data.rules ?? {})) {
      const edge = pattern.edges.find((e) => e.id === edgeId);
      if (!edge || (edge.kind !== 'subscription' && edge.kind !== 'rule'))
        errors.push(
          `Field "rules.${clipText(edgeId)}": the pattern has no subscription or rule by that id.`,
        );
      else if (!isObject(rule))
        errors.push(`Field "rules.${clipText(edgeId)}" must be a JSON object.`);
      else rules[edgeId] = rule;
    }

  let definitions: Record<string, unknown> = {};
  if (data.definitions !== undefined) {
    if (isObject(data.definitions)) definitions = data.definitions;
    else errors.push('Field "definitions" must be an object of node id to definition.');
  }

  const speed = data.speed ?? 1;
  if (typeof speed !== 'number' || !(speed >= MIN_SPEED && speed <= MAX_SPEED))
    errors.push(
      `Field "speed" must be a number from ${MIN_SPEED} to ${MAX_SPEED}, got ${show(speed)}.`,
    );
  const timeS = data.timeS ?? 0;
  if (typeof timeS !== 'number' || !(timeS >= 0 && timeS <= MAX_TIME_S))
    errors.push(
      `Field "timeS" must be a number of seconds from 0 to ${MAX_TIME_S}, got ${show(timeS)}.`,
    );

  if (errors.length > 0) return { errors };
  return {
    scenario: {
      pattern,
      params: resolved.values,
      seed: seed as number,
      rules,
      definitions,
      speed: speed as number,
      timeMs: Math.round((timeS as number) * 1000),
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value from the file as a message quotes it (clipped). */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  return clipText(JSON.stringify(value) ?? String(value));
}
