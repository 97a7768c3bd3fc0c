/**
 * SNS's own limits on a filter policy, checked after the rule syntax is known to be sound (AWS
 * reports a syntax error even for a nested policy under the MessageAttributes scope, so syntax
 * comes first). They work on the policy object, whose shape the syntax check has vouched for:
 * every value is a non-empty array of match values, a nested object, or — when `$or` is read as
 * the operator — an array of at least two alternative objects.
 */
import type { FilterPolicyScope } from './types';

/** A policy object whose structure already passed the syntax check. */
type PolicyObject = Readonly<Record<string, unknown>>;

/** The most keys a policy may have (per `$or` branch; only top-level keys count for bodies). */
export const MAX_KEYS = 5;
/** The most value combinations a policy may have. */
export const MAX_COMBINATIONS = 150;

/** Which SNS limit a policy breaks. */
export type LimitViolation = 'too-many-keys' | 'nested-attributes' | 'too-complex';

function isObject(value: unknown): value is PolicyObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function orAlternatives(
  key: string,
  value: unknown,
  orOperator: boolean,
): PolicyObject[] | undefined {
  return orOperator && key === '$or' && Array.isArray(value) ? value.filter(isObject) : undefined;
}

/**
 * The top-level key names of each `$or` branch. AWS documents that all keys count for attribute
 * policies and only top-level keys for body policies; an attribute policy has nothing but
 * top-level keys, so one rule serves both. Branches are what event-ruler compiles `$or` into, so
 * each branch is held to the limit on its own. Returns undefined past `cap` branches.
 */
function topLevelKeySets(
  policy: PolicyObject,
  orOperator: boolean,
  cap: number,
): Set<string>[] | undefined {
  let branches: Set<string>[] = [new Set()];
  for (const [key, value] of Object.entries(policy)) {
    const alternatives = orAlternatives(key, value, orOperator);
    if (alternatives === undefined) {
      branches.forEach((branch) => branch.add(key));
      continue;
    }
    const altBranches: Set<string>[] = [];
    for (const alternative of alternatives) {
      const sets = topLevelKeySets(alternative, orOperator, cap);
      if (sets === undefined) return undefined;
      altBranches.push(...sets);
    }
    if (branches.length * altBranches.length > cap) return undefined;
    branches = branches.flatMap((branch) => altBranches.map((alt) => new Set([...branch, ...alt])));
  }
  return branches;
}

/** True when some key holds a nested object (not counting `$or` alternatives). */
function hasNesting(policy: PolicyObject, orOperator: boolean): boolean {
  return Object.entries(policy).some(([key, value]) => {
    const alternatives = orAlternatives(key, value, orOperator);
    if (alternatives !== undefined) return alternatives.some((alt) => hasNesting(alt, orOperator));
    return isObject(value);
  });
}

/**
 * AWS's combination count: per `$or` branch, the product over the branch's value arrays of
 * (number of values × nesting depth of the key, 1 at the top level), summed over branches. The
 * depth factor is AWS's documented rule for payload policies (3 × 4 × 2 × 3 = 72 for four values
 * three levels deep and three values two levels deep); it is 1 throughout attribute policies.
 * Computed by distributing over `$or` rather than expanding it, which gives the same sum.
 */
export function countCombinations(policy: PolicyObject, orOperator: boolean, depth = 1): number {
  let total = 1;
  for (const [key, value] of Object.entries(policy)) {
    const alternatives = orAlternatives(key, value, orOperator);
    if (alternatives !== undefined) {
      total *= alternatives.reduce(
        (sum, alt) => sum + countCombinations(alt, orOperator, depth),
        0,
      );
    } else if (Array.isArray(value)) {
      total *= value.length * depth;
    } else if (isObject(value)) {
      total *= countCombinations(value, orOperator, depth + 1);
    }
  }
  return total;
}

/**
 * The first SNS limit the policy breaks, in the order SNS checks them: key count, nesting under
 * the MessageAttributes scope, then complexity.
 */
export function findLimitViolation(
  policy: PolicyObject,
  scope: FilterPolicyScope,
  orOperator: boolean,
): LimitViolation | undefined {
  // Every branch adds at least one combination, so more branches than the combination limit
  // means "too complex" whatever the keys; the cap keeps pathological `$or` nests cheap.
  const keySets = topLevelKeySets(policy, orOperator, MAX_COMBINATIONS);
  if (keySets?.some((keys) => keys.size > MAX_KEYS)) return 'too-many-keys';
  if (scope === 'MessageAttributes' && hasNesting(policy, orOperator)) return 'nested-attributes';
  if (keySets === undefined || countCombinations(policy, orOperator) > MAX_COMBINATIONS) {
    return 'too-complex';
  }
  return undefined;
}
