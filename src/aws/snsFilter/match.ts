/**
 * Matching messages against a policy: `compileFilterPolicy` prepares a policy once per
 * subscription (the simulator then calls it per message); `matchFilterPolicy` is the one-shot form.
 */
import { compilePolicyTree, type PolicyTree } from './compile';
import { andMatches, viewMessage } from './evaluate';
import { explainPolicy } from './explain';
import { bodyPaths, type BodyPaths } from './values';
import type { CompiledFilterPolicy, FilterableMessage, FilterPolicyScope } from './types';

function evaluate(
  tree: PolicyTree,
  message: FilterableMessage,
  scope: FilterPolicyScope,
  paths: BodyPaths,
): boolean {
  if (tree.unusable !== undefined) return false;
  if (tree.root === undefined) return true;
  const view = viewMessage(message, scope, paths);
  return 'lookup' in view && andMatches(tree.root, view.lookup);
}

/**
 * Prepares a filter policy for repeated evaluation under a scope. The policy is not validated
 * (use `validateFilterPolicy` when the subscription is created); shapes SNS would refuse are read
 * leniently — a bare value as a one-element list, anything unintelligible as never matching.
 * `undefined`, `null` and `{}` mean no filtering: every message matches.
 */
export function compileFilterPolicy(
  policy: unknown,
  scope: FilterPolicyScope,
): CompiledFilterPolicy {
  const tree = compilePolicyTree(policy, scope);
  const paths = bodyPaths(tree.keys);
  return {
    scope,
    matches: (message) => evaluate(tree, message, scope, paths),
    explain: (message) => explainPolicy(tree, message, scope, paths),
  };
}

/**
 * Whether SNS would deliver the message to a subscription with this filter policy: `message` is
 * the message attributes for the `MessageAttributes` scope, the body (JSON text or parsed) for the
 * `MessageBody` scope. For many messages, compile once with {@link compileFilterPolicy}.
 */
export function matchFilterPolicy(
  policy: unknown,
  message: FilterableMessage,
  scope: FilterPolicyScope,
): boolean {
  return compileFilterPolicy(policy, scope).matches(message);
}
