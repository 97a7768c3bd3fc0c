import { applyInputTransformer, type InputTransformer } from '../aws/eventPatterns';
import { holds, resolveConfig } from './config';
import type { ParamValues, PatternDefinition } from './definition';
import type { Json, Payload } from './payload';
import {
  eventPatternProblem,
  eventPatternRule,
  filterPolicyProblem,
  filterPolicyRule,
  toEvent,
} from './kinds/rules';

/** What one subscription or rule target does with a test message. */
export interface RuleTestResult {
  edgeId: string;
  kind: 'subscription' | 'rule';
  /** Source → target, for people. */
  label: string;
  /** The rule is invalid: AWS's error text (it then matches nothing). */
  problem?: string;
  matched: boolean;
  /** Why it does not match (empty when it does). */
  reasons: string[];
  /** EventBridge: what the target receives (the event, or its input transformer's output). */
  input?: string;
}

/**
 * The sandbox behind the app's test panel: runs one message or event through every active
 * subscription and rule of a pattern, with the rules in force (`rules`, edited ones included),
 * as SNS and EventBridge would. `message.body` is the message body (SNS) or the event's detail
 * (EventBridge; a full event, with `detail` and `source`, is used as it is); `attributes` are SNS
 * message attributes (default: the body's top-level strings and numbers).
 */
export function testRules(
  definition: PatternDefinition,
  params: ParamValues,
  rules: Record<string, Record<string, unknown>>,
  message: { body: { [key: string]: Json }; attributes?: Payload['attributes'] },
): RuleTestResult[] {
  const attributes: Payload['attributes'] = message.attributes ?? {};
  if (!message.attributes)
    for (const [k, v] of Object.entries(message.body)) {
      if (typeof v === 'string') attributes[k] = { Type: 'String', Value: v };
      else if (typeof v === 'number') attributes[k] = { Type: 'Number', Value: String(v) };
    }
  const payload: Payload = { body: message.body, attributes };
  const fullEvent = 'detail' in message.body && 'source' in message.body;
  const event = fullEvent ? message.body : toEvent(payload);
  const active = new Set(
    definition.nodes.filter((n) => holds(n.visibleWhen, params)).map((n) => n.id),
  );
  const out: RuleTestResult[] = [];
  for (const edge of definition.edges) {
    if (edge.kind !== 'subscription' && edge.kind !== 'rule') continue;
    if (!holds(edge.visibleWhen, params) || !active.has(edge.source) || !active.has(edge.target))
      continue;
    const label = `${edge.source} → ${edge.target}`;
    const rule = rules[edge.id] ?? edge.filterPolicy ?? edge.eventPattern;
    const config = resolveConfig(edge.config, params);
    if (edge.kind === 'subscription') {
      const scope =
        config.filterPolicyScope === 'MessageBody' ? 'MessageBody' : 'MessageAttributes';
      const problem = rule ? filterPolicyProblem(rule, scope) : undefined;
      if (problem) {
        out.push({ edgeId: edge.id, kind: edge.kind, label, problem, matched: false, reasons: [] });
        continue;
      }
      const r = filterPolicyRule(rule, scope);
      const matched = r.matches(0, payload);
      out.push({
        edgeId: edge.id,
        kind: edge.kind,
        label,
        matched,
        reasons: matched ? [] : r.explain(payload),
      });
    } else {
      const pattern = rule ?? {};
      const problem = eventPatternProblem(pattern);
      if (problem) {
        out.push({ edgeId: edge.id, kind: edge.kind, label, problem, matched: false, reasons: [] });
        continue;
      }
      const r = eventPatternRule(pattern);
      const matched = fullEvent ? r.matchesEvent(event) : r.matches(0, payload);
      const transformer = config.inputTransformer;
      out.push({
        edgeId: edge.id,
        kind: edge.kind,
        label,
        matched,
        reasons: matched ? [] : fullEvent ? r.explainEvent(event) : r.explain(payload),
        ...(matched
          ? {
              input:
                transformer && typeof transformer === 'object' && !Array.isArray(transformer)
                  ? applyInputTransformer(transformer as unknown as InputTransformer, event)
                  : JSON.stringify(event),
            }
          : {}),
      });
    }
  }
  return out;
}
