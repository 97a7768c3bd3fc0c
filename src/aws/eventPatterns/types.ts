/**
 * Shared types: the compiled form of an event pattern (what event-ruler's `JsonRuleCompiler`
 * produces: a list of $or branches, each a map from dotted field path to its match conditions)
 * and the public result shapes.
 */
import type { IpRange } from '../ruler/ip';
import type { Folded } from './ignoreCase';
import type { Wildcard } from './wildcard';

/** One element of a field's condition list, e.g. `"a"`, `{"prefix": "x"}`, `{"numeric": [">", 1]}`. */
export type Condition =
  | { kind: 'string'; value: string; display: string }
  | { kind: 'literal'; value: boolean | null; display: string }
  /**
   * A number: `text` as written (compared as text, as event-ruler's exact match does) and, when it
   * is a `ComparableNumber` (at most six decimals, within ±5e9), its micro-units in `scaled`.
   */
  | { kind: 'number'; value: number; text: string; scaled: number | null; display: string }
  | { kind: 'ip'; range: IpRange; cidr: string | null; display: string }
  | { kind: 'prefix'; value: string; display: string }
  | { kind: 'prefix-ignore-case'; value: Folded; endsWithQuote: boolean; display: string }
  | { kind: 'suffix'; value: string; display: string }
  | { kind: 'suffix-ignore-case'; value: Folded; startsWithQuote: boolean; display: string }
  | { kind: 'equals-ignore-case'; value: Folded; display: string }
  | { kind: 'wildcard'; value: Wildcard; source: string; display: string }
  | {
      kind: 'numeric';
      /** The bounds as doubles, for people (an open end stands at ±5e9). */
      low: number;
      lowOpen: boolean;
      high: number;
      highOpen: boolean;
      /** The bounds in micro-units, which matching compares. */
      lowScaled: number;
      highScaled: number;
      display: string;
    }
  | { kind: 'exists'; value: boolean; display: string }
  | {
      kind: 'anything-but';
      strings: string[];
      /** Excluded numbers in micro-units, and as written. */
      numbers: number[];
      numberTexts: string[];
      display: string;
    }
  | { kind: 'anything-but-prefix'; values: string[]; display: string }
  | { kind: 'anything-but-suffix'; values: string[]; display: string }
  | { kind: 'anything-but-ignore-case'; values: Folded[]; display: string }
  | { kind: 'anything-but-wildcard'; values: Wildcard[]; sources: string[]; display: string };

/** One $or branch: every field must match (AND); a field matches if any condition does (OR). */
export type Branch = Map<string, Condition[]>;

/** A pattern compiled into branches; the event matches when any branch does. */
export interface PatternIR {
  branches: Branch[];
}

/** Result of validating a pattern: AWS's InvalidEventPatternException text when invalid. */
export type ValidationResult = { ok: true } | { ok: false; message: string };

/**
 * A JSON leaf value as found in an event. Events read from JSON text may also hold numbers as
 * `JsonNumber` (../ruler/jsonText.ts) where their text is not how JavaScript prints the double.
 */
export type Leaf = string | number | boolean | null;

/** Why a pattern did not match: which field, which condition, what the event had. */
export interface MismatchReason {
  /** Dotted field path as AWS flattens it, e.g. `detail.state`. */
  path: string;
  /** The field's conditions as written in the pattern, e.g. `["a", {"prefix": "b"}]`. */
  condition: string;
  /** The event's value(s) at the path: undefined when absent, an array when several. */
  actual: unknown;
  /** A sentence for people. */
  message: string;
}

/** The outcome of explaining a pattern against an event. */
export interface Explanation {
  matched: boolean;
  reasons: MismatchReason[];
}
