/**
 * The core of per-message evaluation, shared by matching and explaining so both always agree. A
 * key matches when any of its conditions holds for any of the message's values there (`exists` is
 * judged on the key as a whole); keys are ANDed and `$or` alternatives ORed. Keys are judged
 * independently, so different elements of a body array may satisfy different keys, as in SNS.
 */
import { testCondition } from './conditions';
import type { AndNode, LeafNode } from './compile';
import type { FilterableMessage, FilterPolicyScope } from './types';
import {
  attributeLookup,
  bodyLookup,
  parseBody,
  type BodyPaths,
  type FieldLookup,
  type FieldValues,
} from './values';

/** Whether a key's conditions hold for what the message holds under that key. */
export function leafMatches(leaf: LeafNode, field: FieldValues): boolean {
  if (field.unusable !== undefined) return false;
  const present = field.values.length > 0;
  for (const condition of leaf.conditions) {
    if (condition.kind === 'exists') {
      // "exists": false only matches if at least one attribute is present (SNS developer guide).
      if (condition.value ? present : !present && field.messageEmpty !== true) return true;
    } else if (field.values.some((value) => testCondition(condition, value))) {
      return true;
    }
  }
  return false;
}

/** Whether every leaf and every `$or` of an AND node holds. */
export function andMatches(node: AndNode, lookup: FieldLookup): boolean {
  return (
    node.leaves.every((leaf) => leafMatches(leaf, lookup(leaf.key))) &&
    node.ors.every((or) => or.alternatives.some((alternative) => andMatches(alternative, lookup)))
  );
}

/** How a compiled policy reads a message: a field lookup, or why the message cannot match. */
export type MessageView = { readonly lookup: FieldLookup } | { readonly unreadable: string };

/** Builds the per-message view for a scope; body paths are computed once per policy. */
export function viewMessage(
  message: FilterableMessage,
  scope: FilterPolicyScope,
  paths: BodyPaths,
): MessageView {
  if (scope === 'MessageAttributes') return { lookup: attributeLookup(message) };
  const body = parseBody(message);
  return body === undefined
    ? {
        unreadable:
          'the message body is not a JSON object, so a MessageBody-scope policy cannot match it',
      }
    : { lookup: bodyLookup(body, paths) };
}
