/**
 * Turns a filter policy into an AND/OR tree of keyed conditions, once per subscription, so that
 * per-message evaluation is a walk over prepared conditions.
 *
 * Compilation is deliberately lenient: it does not validate (that is `validateFilterPolicy`'s
 * job, done when the subscription is created) and it gives each shape the meaning SNS's engine
 * would give it if it accepted it:
 * - a bare value (`{"k": "v"}`) means the one-element list `["v"]` — SNS rejects this form
 *   ("must be an object or an array"), but it has only one plausible meaning, and the shared
 *   conformance cases rely on it;
 * - an unintelligible condition never matches, and a nested object under the MessageAttributes
 *   scope never matches (attributes have no structure to nest into);
 * - `$or` is the OR operator only where event-ruler reads it so: an array of at least two objects
 *   that use no operator names as keys; otherwise it is an ordinary key, exactly as AWS documents.
 */
import { RESERVED_IN_OR } from '../ruler/reserved';
import { compileCondition, type Condition } from './conditions';
import type { FilterPolicyScope } from './types';

/** One policy key (a dotted path for body policies) and the conditions any of which must hold. */
export interface LeafNode {
  readonly key: string;
  readonly conditions: readonly Condition[];
  /** Set when the key's policy value can never match, with the reason. */
  readonly unusable?: string;
}

/** Every leaf and every `$or` must hold. */
export interface AndNode {
  readonly leaves: readonly LeafNode[];
  readonly ors: readonly OrNode[];
}

/** At least one alternative must hold. */
export interface OrNode {
  readonly alternatives: readonly AndNode[];
}

/** A compiled policy: no root means "no filtering" (an absent or empty policy). */
export interface PolicyTree {
  readonly root?: AndNode;
  /** Set when the policy as a whole is not a JSON object, so it matches nothing. */
  readonly unusable?: string;
  /** Every key the policy reads, for pruning body traversal. */
  readonly keys: readonly string[];
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when no key inside the object (at any object depth) is an operator name. */
function freeOfOperatorNames(object: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(object).every(([key, value]) => {
    if (key === '$or' && Array.isArray(value))
      return value.every((v) => !isRecord(v) || freeOfOperatorNames(v));
    return !RESERVED_IN_OR.has(key) && (!isRecord(value) || freeOfOperatorNames(value));
  });
}

/** Whether event-ruler reads this `$or` value as the OR operator. */
export function isOrOperator(
  value: unknown,
): value is ReadonlyArray<Readonly<Record<string, unknown>>> {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    value.every((v) => isRecord(v) && freeOfOperatorNames(v))
  );
}

class TreeBuilder {
  readonly keys = new Set<string>();

  constructor(private readonly scope: FilterPolicyScope) {}

  build(object: Readonly<Record<string, unknown>>, prefix: string): AndNode {
    const leaves: LeafNode[] = [];
    const ors: OrNode[] = [];
    for (const [key, value] of Object.entries(object)) {
      if (key === '$or' && isOrOperator(value)) {
        ors.push({ alternatives: value.map((alternative) => this.build(alternative, prefix)) });
        continue;
      }
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (isRecord(value) && this.scope === 'MessageBody' && Object.keys(value).length > 0) {
        const nested = this.build(value, path);
        leaves.push(...nested.leaves);
        ors.push(...nested.ors);
        continue;
      }
      this.keys.add(path);
      leaves.push(this.leaf(path, value));
    }
    return { leaves, ors };
  }

  private leaf(key: string, value: unknown): LeafNode {
    if (isRecord(value)) {
      const unusable =
        this.scope === 'MessageAttributes'
          ? 'nested policies do not apply to message attributes'
          : 'an empty object matches nothing';
      return { key, conditions: [], unusable };
    }
    const elements = Array.isArray(value) ? value : [value];
    if (elements.length === 0)
      return { key, conditions: [], unusable: 'an empty list matches nothing' };
    return { key, conditions: elements.map(compileCondition) };
  }
}

/** Compiles a policy for a scope. `undefined`, `null` and `{}` all mean "deliver everything". */
export function compilePolicyTree(policy: unknown, scope: FilterPolicyScope): PolicyTree {
  if (policy === undefined || policy === null) return { keys: [] };
  if (!isRecord(policy)) return { unusable: 'the filter policy is not a JSON object', keys: [] };
  if (Object.keys(policy).length === 0) return { keys: [] };
  const builder = new TreeBuilder(scope);
  const root = builder.build(policy, '');
  return { root, keys: [...builder.keys] };
}
