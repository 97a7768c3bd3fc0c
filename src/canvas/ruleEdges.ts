import { createContext } from 'react';
import { holds, type GraphEdge, type ParamValues, type PatternDefinition } from '../patterns';

/** An edge that carries a rule: an SNS subscription (filter policy) or an EventBridge rule target. */
export type RuleEdge = GraphEdge & { kind: 'subscription' | 'rule' };

/** Whether an edge carries a rule the reader can open, test and edit. */
export function isRuleEdge(edge: GraphEdge): edge is RuleEdge {
  return edge.kind === 'subscription' || edge.kind === 'rule';
}

/** The rule-carrying edges of a pattern that are part of the run with these parameters. */
export function activeRuleEdges(pattern: PatternDefinition, params: ParamValues): RuleEdge[] {
  const active = new Set(
    pattern.nodes.filter((n) => holds(n.visibleWhen, params)).map((n) => n.id),
  );
  return pattern.edges.filter(
    (e): e is RuleEdge =>
      isRuleEdge(e) && holds(e.visibleWhen, params) && active.has(e.source) && active.has(e.target),
  );
}

/** Whether the pattern has any subscription or rule at all (the test panel is for those). */
export function hasRuleEdges(pattern: PatternDefinition): boolean {
  return pattern.edges.some(isRuleEdge);
}

/** A plain string config value of an edge (constants only; bindings are not names). */
function configString(edge: GraphEdge, key: string): string | undefined {
  const v = edge.config?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** An EventBridge rule's name (`config.rule`), which its targets share; undefined for SNS. */
export function ruleNameOf(edge: GraphEdge): string | undefined {
  return edge.kind === 'rule' ? (configString(edge, 'rule') ?? edge.id) : undefined;
}

/** The edges that share one rule with `edge` (itself included): a rule's pattern is one for all. */
export function ruleSiblings(pattern: PatternDefinition, edge: GraphEdge): GraphEdge[] {
  const name = ruleNameOf(edge);
  if (name === undefined) return [edge];
  return pattern.edges.filter(
    (e) => e.kind === 'rule' && e.source === edge.source && ruleNameOf(e) === name,
  );
}

/** Where an SNS subscription's filter policy looks: message attributes (default) or the body. */
export function filterScopeOf(edge: GraphEdge): 'MessageAttributes' | 'MessageBody' {
  return configString(edge, 'filterPolicyScope') === 'MessageBody'
    ? 'MessageBody'
    : 'MessageAttributes';
}

/** The rule the pattern itself gives an edge (before any edit). */
export function definedRule(edge: GraphEdge): Record<string, unknown> | undefined {
  return edge.kind === 'subscription' ? edge.filterPolicy : edge.eventPattern;
}

/** What the rule of an edge is called: "filter policy" or "event pattern". */
export function ruleNoun(edge: GraphEdge): string {
  return edge.kind === 'subscription' ? 'filter policy' : 'event pattern';
}

/** A node's label for people, with its sublabel when it has one. */
export function nodeName(pattern: PatternDefinition, nodeId: string): string {
  const node = pattern.nodes.find((n) => n.id === nodeId);
  return node?.label ?? nodeId;
}

/** "SNS topic "Payments" → Email", for titles and accessible names. */
export function edgeRoute(pattern: PatternDefinition, edge: GraphEdge): string {
  return `${nodeName(pattern, edge.source)} → ${nodeName(pattern, edge.target)}`;
}

function valueText(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * A rule in a few words for an edge label: `{"type":["Customer"],"detail":{"amount":[{"numeric":
 * [">",0]}]}}` → `type = Customer, detail.amount numeric > 0`. Long rules are cut with "…".
 */
export function ruleSummary(rule: Record<string, unknown> | undefined, max = 48): string {
  if (!rule || Object.keys(rule).length === 0) return 'everything';
  const parts: string[] = [];
  const walk = (obj: Record<string, unknown>, path: string) => {
    for (const [key, value] of Object.entries(obj)) {
      const name = path ? `${path}.${key}` : key;
      if (Array.isArray(value)) {
        const plain = value.every((v) => typeof v !== 'object' || v === null);
        if (plain) parts.push(`${name} = ${value.map(valueText).join(' | ')}`);
        else {
          const ops = value.map((v) =>
            v && typeof v === 'object'
              ? Object.entries(v as Record<string, unknown>)
                  .map(
                    ([op, arg]) => `${op} ${Array.isArray(arg) ? arg.join(' ') : valueText(arg)}`,
                  )
                  .join(', ')
              : valueText(v),
          );
          parts.push(`${name} ${ops.join(' | ')}`);
        }
      } else if (value && typeof value === 'object') walk(value as Record<string, unknown>, name);
      else parts.push(`${name}: ${valueText(value)}`);
    }
  };
  walk(rule, '');
  const text = parts.join(', ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Opens the rule editor of an edge (its label is a button that calls it); `opener` gets the focus
 * back when the editor closes. Null where the view has no editor (the embed).
 */
export type OpenRule = (edgeId: string, opener: HTMLElement | null) => void;

/** The rule editor's opener, provided by the app around the canvas and the panels. */
export const RuleEditorContext = createContext<OpenRule | null>(null);
