/** The JSON intrinsics: States.StringToJson, States.JsonToString, States.JsonMerge. */
import { isJsonObject, normalizeZero, toJsonText } from '../../paths/json';
import { invalidArguments, stringArg, type IntrinsicImpl } from '../context';

/** Replaces every `-0` in a parsed document with `0` (AWS prints `"-0"` parsed as `0`). */
function normalizeNumbers(value: unknown): unknown {
  if (typeof value === 'number') return normalizeZero(value);
  if (Array.isArray(value)) return value.map(normalizeNumbers);
  if (isJsonObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeNumbers(v)]));
  return value;
}

/** The JSON intrinsics by name. */
export const jsonFunctions: Record<string, IntrinsicImpl> = {
  /** Blank text parses to null, as on AWS. */
  'States.StringToJson': (args) => {
    const text = stringArg(args, 0, 'States.StringToJson');
    if (text.trim() === '') return null;
    try {
      return normalizeNumbers(JSON.parse(text));
    } catch {
      return invalidArguments('States.StringToJson');
    }
  },

  /** Compact JSON, no spaces: `{"a":1,"b":[]}`. */
  'States.JsonToString': (args) => toJsonText(args[0]),

  /** Shallow merge; the second object's keys win. Deep merge (true) is not supported by AWS. */
  'States.JsonMerge': (args) => {
    const name = 'States.JsonMerge';
    const [a, b, deep] = args;
    if (!isJsonObject(a) || !isJsonObject(b) || deep !== false) invalidArguments(name);
    return Object.fromEntries([...Object.entries(a), ...Object.entries(b)]);
  },
};
