import { validateFilterPolicy } from '../aws/snsFilter';
import { filterScopeOf } from '../canvas/ruleEdges';
import { eventPatternProblem, filterPolicyProblem, type GraphEdge } from '../kit';
import { locateProblem, parseJson } from './jsonText';

/** A problem with a rule the reader typed, and where it is in the text when that is known. */
export interface RuleProblem {
  /** `json`: the text is not JSON; `aws`: AWS would refuse the rule, in AWS's words. */
  source: 'json' | 'aws';
  message: string;
  from?: number;
  to?: number;
}

/** What the editor knows about a typed rule: its value when valid, else the problem. */
export type RuleCheck =
  { ok: true; rule: Record<string, unknown> } | { ok: false; problem: RuleProblem };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a rule typed for an edge as AWS would on SetSubscriptionAttributes (a filter policy) or
 * PutRule (an event pattern): the JSON first, then AWS's own validation, with the place in the
 * text that the error concerns where the parser or AWS's message gives one.
 */
export function checkRule(text: string, edge: GraphEdge): RuleCheck {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, problem: { source: 'json', ...parsed.problem } };
  const value = parsed.value;
  let message: string | undefined;
  let column: number | undefined;
  if (edge.kind === 'subscription') {
    const scope = filterScopeOf(edge);
    message = filterPolicyProblem(value as Record<string, unknown>, scope);
    if (message) {
      const v = validateFilterPolicy(value, scope, { operation: 'SetSubscriptionAttributes' });
      if (!v.ok) column = v.location?.column;
    }
  } else {
    // The event-pattern validator reads a string as JSON text: give it anything else as text.
    message = isObject(value)
      ? eventPatternProblem(value)
      : eventPatternProblem(JSON.stringify(value) as unknown as Record<string, unknown>);
  }
  if (message) {
    const at = isObject(value)
      ? locateProblem(text, message, column)
      : { from: 0, to: text.length };
    return { ok: false, problem: { source: 'aws', message, ...(at ?? {}) } };
  }
  if (!isObject(value))
    return { ok: false, problem: { source: 'aws', message: 'A rule is a JSON object' } };
  return { ok: true, rule: value };
}

/** A rule as the editor shows it: two-space JSON. */
export function formatRule(rule: Record<string, unknown> | undefined): string {
  return JSON.stringify(rule ?? {}, null, 2);
}
