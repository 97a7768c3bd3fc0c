/**
 * Explaining a filter decision to the simulator's users: which key failed, what the policy asked
 * for there, and what the message actually held. It reuses the evaluator's per-key decision, so
 * an explanation can never disagree with `matches`.
 */
import { describeCondition } from './conditions';
import { compilePolicyTree, type AndNode, type LeafNode, type PolicyTree } from './compile';
import { andMatches, leafMatches, viewMessage } from './evaluate';
import type {
  FilterableMessage,
  FilterPolicyExplanation,
  FilterPolicyScope,
  MismatchReason,
} from './types';
import { bodyPaths, type BodyPaths, type FieldLookup, type FieldValues } from './values';
import { JsonNumber } from '../ruler/jsonText';

function describeLeaf(leaf: LeafNode): string {
  if (leaf.unusable !== undefined) return `(${leaf.unusable})`;
  return leaf.conditions.map(describeCondition).join(' or ');
}

function actualOf(field: FieldValues): unknown {
  const values = field.values.map((v) => (v instanceof JsonNumber ? v.value : v));
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values;
}

function sentence(leaf: LeafNode, field: FieldValues, scope: FilterPolicyScope): string {
  const key = JSON.stringify(leaf.key);
  const wanted = describeLeaf(leaf);
  const noun = scope === 'MessageAttributes' ? 'attribute' : 'property';
  if (leaf.unusable !== undefined) return `${key} can never match: ${leaf.unusable}.`;
  if (field.unusable !== undefined) return `${key} cannot match anything: ${field.unusable}.`;
  if (field.ignoredBinary === true) {
    return `${key} is a Binary attribute, which SNS ignores when filtering; the policy requires ${wanted}.`;
  }
  const kinds = new Set(
    leaf.conditions.map((c) => (c.kind === 'exists' ? `exists:${c.value}` : c.kind)),
  );
  if (field.values.length === 0 && field.messageEmpty === true && kinds.has('exists:false')) {
    const what = scope === 'MessageAttributes' ? 'no attributes' : 'no properties';
    return `${key} is absent, but the message has ${what} at all, and SNS only matches "exists": false when at least one ${noun} is present.`;
  }
  if (field.values.length === 0) {
    return kinds.size === 1 && kinds.has('exists:true')
      ? `The message has no ${key} ${noun}, but the policy requires it to exist.`
      : `The message has no ${key} ${noun}; the policy requires ${wanted}.`;
  }
  const actual = JSON.stringify(actualOf(field));
  if (kinds.size === 1 && kinds.has('exists:false')) {
    return `${key} must not exist, but the message has it (${actual}).`;
  }
  const invalid = leaf.conditions.filter((c) => c.kind === 'invalid').length;
  const note =
    invalid === 0 ? '' : ` (${invalid} of these conditions are malformed and never match)`;
  return field.values.length > 1
    ? `${key} is ${actual}, and no element satisfies the policy's ${wanted}${note}.`
    : `${key} is ${actual}, but the policy requires ${wanted}${note}.`;
}

function explainAnd(
  node: AndNode,
  lookup: FieldLookup,
  scope: FilterPolicyScope,
  context: string,
): MismatchReason[] {
  const reasons: MismatchReason[] = [];
  for (const leaf of node.leaves) {
    const field = lookup(leaf.key);
    if (leafMatches(leaf, field)) continue;
    reasons.push({
      key: leaf.key,
      condition: describeLeaf(leaf),
      actual: actualOf(field),
      message: context + sentence(leaf, field, scope),
    });
  }
  for (const or of node.ors) {
    if (or.alternatives.some((alternative) => andMatches(alternative, lookup))) continue;
    const count = or.alternatives.length;
    or.alternatives.forEach((alternative, index) => {
      const where = `${context}$or alternative ${index + 1} of ${count} fails: `;
      reasons.push(...explainAnd(alternative, lookup, scope, where));
    });
  }
  return reasons;
}

function reason(key: string, condition: string, message: string): MismatchReason {
  return { key, condition, actual: undefined, message };
}

/** Explains a compiled policy tree for one message (the work behind `explain`). */
export function explainPolicy(
  tree: PolicyTree,
  message: FilterableMessage,
  scope: FilterPolicyScope,
  paths: BodyPaths,
): FilterPolicyExplanation {
  if (tree.unusable !== undefined) {
    return {
      matched: false,
      reasons: [reason('', '(policy)', `Nothing can match: ${tree.unusable}.`)],
    };
  }
  if (tree.root === undefined) return { matched: true, reasons: [] };
  const view = viewMessage(message, scope, paths);
  if ('unreadable' in view) {
    return {
      matched: false,
      reasons: [reason('', '(message body)', `Nothing can match: ${view.unreadable}.`)],
    };
  }
  const reasons = explainAnd(tree.root, view.lookup, scope, '');
  return { matched: reasons.length === 0, reasons };
}

/**
 * Whether the message matches the policy and, if not, every failing key with its condition, the
 * value the message holds there, and a readable sentence — for showing users why a subscription
 * did not receive a message. Failing `$or` alternatives are listed one by one.
 */
export function explainFilterPolicyMismatch(
  policy: unknown,
  message: FilterableMessage,
  scope: FilterPolicyScope,
): FilterPolicyExplanation {
  const tree = compilePolicyTree(policy, scope);
  return explainPolicy(tree, message, scope, bodyPaths(tree.keys));
}
