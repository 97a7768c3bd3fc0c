import {
  compileEventPattern,
  explainEventPatternMismatch,
  validateEventPattern,
} from '../../aws/eventPatterns';
import {
  compileFilterPolicy,
  validateFilterPolicy,
  type CompiledFilterPolicy,
  type FilterPolicyScope,
} from '../../aws/snsFilter';
import type { Payload } from '../payload';

/**
 * A rule an edge applies to the messages that cross it, decided once per kind of payload (a run
 * has a handful): an SNS subscription's filter policy, or an EventBridge rule's event pattern.
 */
export interface EdgeRule {
  /** Whether a message with this payload passes. */
  matches(variant: number, payload: Payload): boolean;
  /** Why a message with this payload does not pass, in a sentence or two (empty if it does). */
  explain(payload: Payload): string[];
}

/** Validates an SNS filter policy; AWS's error text, or undefined when valid. */
export function filterPolicyProblem(
  policy: Record<string, unknown>,
  scope: FilterPolicyScope,
): string | undefined {
  const v = validateFilterPolicy(policy, scope, { operation: 'SetSubscriptionAttributes' });
  return v.ok ? undefined : v.message;
}

/** The message a filter policy reads: its attributes, or its body. */
function filterable(payload: Payload, scope: FilterPolicyScope) {
  return scope === 'MessageBody' ? payload.body : payload.attributes;
}

/** An SNS subscription's filter policy as an {@link EdgeRule}; no policy passes everything. */
export function filterPolicyRule(
  policy: Record<string, unknown> | undefined,
  scope: FilterPolicyScope,
): EdgeRule {
  if (!policy || Object.keys(policy).length === 0)
    return { matches: () => true, explain: () => [] };
  const compiled: CompiledFilterPolicy = compileFilterPolicy(policy, scope);
  const memo: (boolean | undefined)[] = [];
  return {
    matches(variant, payload) {
      let m = memo[variant];
      if (m === undefined) memo[variant] = m = compiled.matches(filterable(payload, scope));
      return m;
    },
    explain(payload) {
      return compiled.explain(filterable(payload, scope)).reasons.map((r) => r.message);
    },
  };
}

/**
 * The EventBridge event a payload becomes when a function puts it on a bus: the body's `source`
 * as the event's source, `detail-type` from the body's `detail-type` (default "Payment"), the body
 * as `detail`. Fixed envelope fields keep runs deterministic.
 */
export function toEvent(payload: Payload): Record<string, unknown> {
  const body = payload.body;
  return {
    version: '0',
    id: '00000000-0000-0000-0000-000000000000',
    'detail-type': typeof body['detail-type'] === 'string' ? body['detail-type'] : 'Payment',
    source: typeof body.source === 'string' ? body.source : 'payments',
    account: '123456789012',
    time: '2025-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: body,
  };
}

/** Validates an event pattern; AWS's error text, or undefined when valid. */
export function eventPatternProblem(pattern: Record<string, unknown>): string | undefined {
  const v = validateEventPattern(pattern);
  return v.ok ? undefined : v.message;
}

/** An EventBridge rule's event pattern as an {@link EdgeRule}, which can also test whole events. */
export function eventPatternRule(pattern: Record<string, unknown>): EdgeRule & {
  matchesEvent(event: Record<string, unknown>): boolean;
  explainEvent(event: Record<string, unknown>): string[];
} {
  const matcher = compileEventPattern(pattern);
  const memo: (boolean | undefined)[] = [];
  return {
    matchesEvent: (event) => matcher(event),
    explainEvent: (event) =>
      explainEventPatternMismatch(pattern, event).reasons.map((r) => r.message),
    matches(variant, payload) {
      let m = memo[variant];
      if (m === undefined) memo[variant] = m = matcher(toEvent(payload));
      return m;
    },
    explain(payload) {
      return explainEventPatternMismatch(pattern, toEvent(payload)).reasons.map((r) => r.message);
    },
  };
}
