import type { ParamSpec, ParamValue, ParamValues, PatternDefinition } from './types';

/** A problem with one parameter, phrased for the person who typed it. */
export interface ParamError {
  param: string;
  message: string;
}

/** The parameters' default values. */
export function defaultParams(pattern: PatternDefinition): ParamValues {
  const values: ParamValues = {};
  for (const spec of pattern.params) values[spec.id] = spec.default;
  return values;
}

/** Parses one raw string value (from a URL or `--set`) against its spec. */
export function parseParamValue(
  spec: ParamSpec,
  raw: string,
): { value: ParamValue } | { error: string } {
  const text = raw.trim();
  switch (spec.kind) {
    case 'number': {
      // Decimal numbers only: Number() would also read "0x10" or "1_0"-like forms people did
      // not mean.
      const n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(n))
        return { error: `Parameter ${spec.id} must be a number, got "${clipText(raw)}"` };
      if (spec.step >= 1 && !Number.isInteger(n)) {
        return { error: `Parameter ${spec.id} must be a whole number, got "${clipText(raw)}"` };
      }
      if (n < spec.min || n > spec.max) {
        return {
          error: `Parameter ${spec.id}=${clipText(text)} is out of range: ${spec.label} must be between ${spec.min} and ${spec.max}${spec.unit ? ` ${spec.unit}` : ''}`,
        };
      }
      return { value: n };
    }
    case 'choice': {
      const option = spec.options.find((o) => o.value === text);
      if (!option)
        return {
          error: `Parameter ${spec.id}="${clipText(raw)}" is not one of: ${spec.options.map((o) => o.value).join(', ')}`,
        };
      return { value: option.value };
    }
    case 'boolean': {
      // Only the two words links and --set write: "yes", "1" or "on" would be guesses.
      if (text === 'true') return { value: true };
      if (text === 'false') return { value: false };
      return {
        error: `Parameter ${spec.id} must be true or false (only these two words are accepted), got "${clipText(raw)}"`,
      };
    }
  }
}

/**
 * Applies raw `id=value` settings over the defaults. Unknown ids and bad values are reported and
 * skipped, never thrown: the caller shows the errors and keeps going with what was valid.
 */
export function resolveParams(
  pattern: PatternDefinition,
  raw: Record<string, string>,
): { values: ParamValues; errors: ParamError[] } {
  const values = defaultParams(pattern);
  const errors: ParamError[] = [];
  for (const [id, text] of Object.entries(raw)) {
    const spec = pattern.params.find((p) => p.id === id);
    if (!spec) {
      errors.push({
        param: id,
        message: `Unknown parameter "${clipText(id)}" for pattern ${pattern.id} (known: ${pattern.params.map((p) => p.id).join(', ')})`,
      });
      continue;
    }
    const parsed = parseParamValue(spec, text);
    if ('error' in parsed) errors.push({ param: id, message: parsed.error });
    else values[id] = parsed.value;
  }
  return { values, errors };
}

/** Longest piece of user input echoed in a message; longer ones end in an ellipsis. */
export const MAX_ECHO = 80;

/** Shortens a piece of user input for a message (a 5,000-character value must not fill the screen). */
export function clipText(text: string, max = MAX_ECHO): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Formats a value the way URLs and `--set` write it. */
export function formatParamValue(value: ParamValue): string {
  return String(value);
}

/** Reads a numeric parameter (the patterns' build functions use these typed getters). */
export function num(values: ParamValues, id: string): number {
  const v = values[id];
  if (typeof v !== 'number') throw new Error(`parameter ${id} is not a number`);
  return v;
}

/** Reads a choice parameter. */
export function str(values: ParamValues, id: string): string {
  const v = values[id];
  if (typeof v !== 'string') throw new Error(`parameter ${id} is not a choice`);
  return v;
}

/** Reads a boolean parameter. */
export function bool(values: ParamValues, id: string): boolean {
  const v = values[id];
  if (typeof v !== 'boolean') throw new Error(`parameter ${id} is not a boolean`);
  return v;
}
