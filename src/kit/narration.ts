import { HopKind, type Hop, type LedgerSummary } from '../engine';
import type { PatternDefinition } from './definition';
import type { NodeStats } from './kind';

/**
 * One sentence per event, for the narrated Step: what one event of the simulation did, told from
 * the node where it happened. The facts come from the run (the hops the event drew, the messages
 * whose hop ended at this moment, each node's stats before and after, the ledger before and
 * after); each service kind turns the facts about its own node into words (`KindModule.narrate`),
 * and `tellEvent` falls back to plain words about the moves for a kind that says nothing.
 */

/** A message (or an answer) that arrived at or left a node in this event. */
export interface MessageMove {
  msgId: number;
  edgeId: string;
  /** The node at the other end of the edge. */
  peerId: string;
  /** The other end's label (`Lambda "Customer"`). */
  peer: string;
  /** An answer travelling back against the edge (a synchronous call's response). */
  answer: boolean;
  /** How the hop is drawn: a retry, a failed answer, a filtered delivery... */
  kind: HopKind;
}

/** What one event did at one node: the input of a kind's `narrate` hook. */
export interface NodeEvent {
  nodeId: string;
  /** The node's label (`API Gateway "/payments"` is label + sublabel). */
  label: string;
  /** What one message is called in this pattern ("payment", "order", "event"). */
  noun: string;
  /** Messages and answers whose hop ended at this node now. */
  arrived: readonly MessageMove[];
  /** Messages and answers that left this node now. */
  sent: readonly MessageMove[];
  before: NodeStats;
  after: NodeStats;
  /** Simulated ms since message `msgId` (or the message it was fanned out from) was created. */
  ageOf(msgId: number): number;
  /** "payment #4", or "payment #4 (delivery #57)" for one of its fan-out deliveries. */
  name(msgId: number): string;
}

/** A kind's narration hook: one sentence about its node's event, or undefined for nothing. */
export type Narrate = (event: NodeEvent) => string | undefined;

/** The one sentence chosen for an event, and where on the graph it happened. */
export interface EventStory {
  text: string;
  /** The node the sentence is about (highlighted). */
  nodeId: string;
  /** The edge a message crossed, if one did (highlighted). */
  edgeId: string | undefined;
  /** The message the sentence is about, if one. */
  msgId: number | undefined;
}

/** Everything {@link tellEvent} reads about one event. */
export interface EventFacts {
  definition: PatternDefinition;
  /** The kind's hook of each node id (undefined: plain words). */
  narrators: ReadonlyMap<string, Narrate | undefined>;
  before: Record<string, NodeStats>;
  after: Record<string, NodeStats>;
  /** Hops the event drew (departures). */
  departed: readonly Hop[];
  /** Hops that ended at the event's time (arrivals). */
  arrived: readonly Hop[];
  ledgerBefore: LedgerSummary;
  ledgerAfter: LedgerSummary;
  ageOf(msgId: number): number;
  /** The message a fan-out delivery descends from (itself for one that entered the system). */
  rootOf(msgId: number): number;
}

/** "payment" → "Payment". */
export const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
/** 4999 → "4,999" (the same digits the cards show). */
export const count = (n: number | undefined): string => int.format(n ?? 0);

/** "3 payments", "1 payment". */
export const plural = (n: number, noun: string): string =>
  `${count(n)} ${n === 1 ? noun : pluralOf(noun)}`;

function pluralOf(noun: string): string {
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return noun.endsWith('s') ? `${noun}es` : `${noun}s`;
}

/** Milliseconds as a sentence reads them: "93 ms", "2.4 s". */
export function duration(ms: number): string {
  if (ms < 10) return `${(Math.round(ms * 10) / 10).toString()} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(Math.round(ms / 100) / 10).toString()} s`;
  return `${(Math.round(ms / 6000) / 10).toString()} min`;
}

/** How much a stat went up in the event (0 when it did not). */
export function rise(e: NodeEvent, key: string): number {
  return (e.after[key] ?? 0) - (e.before[key] ?? 0);
}

/**
 * A node's name in a sentence: its label, with its second line where that tells it apart (an
 * API's path, "Aurora sales database" beside "Aurora customer database").
 */
function labelOf(definition: PatternDefinition, id: string): string {
  const node = definition.nodes.find((n) => n.id === id);
  if (!node) return id;
  const twin = definition.nodes.some((n) => n !== node && n.label === node.label);
  return node.sublabel && (twin || node.sublabel.startsWith('/'))
    ? `${node.label} ${node.sublabel}`
    : node.label;
}

/**
 * The sentence for one event, or null when the event changed nothing a person can see (a
 * sample, a timer that re-armed, a token that dripped back into a bucket).
 */
export function tellEvent(facts: EventFacts): EventStory | null {
  const { definition } = facts;
  const noun = definition.explanation.messageNoun ?? 'message';
  const edges = new Map(definition.edges.map((e) => [e.id, e]));
  const events = new Map<string, { arrived: MessageMove[]; sent: MessageMove[] }>();
  const at = (id: string) => {
    let e = events.get(id);
    if (!e) events.set(id, (e = { arrived: [], sent: [] }));
    return e;
  };
  const move = (hop: Hop, peerId: string): MessageMove => ({
    msgId: hop.msgId,
    edgeId: hop.edgeId,
    peerId,
    peer: labelOf(definition, peerId),
    answer: hop.reverse,
    kind: hop.kind,
  });
  for (const hop of facts.arrived) {
    const edge = edges.get(hop.edgeId);
    if (!edge) continue;
    const [from, to] = hop.reverse ? [edge.target, edge.source] : [edge.source, edge.target];
    at(to).arrived.push(move(hop, from));
  }
  for (const hop of facts.departed) {
    const edge = edges.get(hop.edgeId);
    if (!edge) continue;
    const [from, to] = hop.reverse ? [edge.target, edge.source] : [edge.source, edge.target];
    at(from).sent.push(move(hop, to));
  }
  // Nodes whose numbers changed but that drew nothing (a queue whose message became visible
  // again, a function that finished) get their say too.
  for (const node of definition.nodes) {
    const b = facts.before[node.id];
    const a = facts.after[node.id];
    if (!a || !b || events.has(node.id)) continue;
    if (Object.keys(a).some((k) => a[k] !== b[k])) at(node.id);
  }

  // Where the event happened: first where a message arrived, then where one left, then any
  // node with something to say.
  const order = [...events.entries()].sort(
    ([, x], [, y]) => rank(y.arrived, y.sent) - rank(x.arrived, x.sent),
  );
  for (const [nodeId, moves] of order) {
    const event: NodeEvent = {
      nodeId,
      label: labelOf(definition, nodeId),
      noun,
      arrived: moves.arrived,
      sent: moves.sent,
      before: facts.before[nodeId] ?? {},
      after: facts.after[nodeId] ?? {},
      ageOf: facts.ageOf,
      name: (id) => {
        const root = facts.rootOf(id);
        return root === id ? `${noun} #${id}` : `${noun} #${root} (delivery #${id})`;
      },
    };
    const told = facts.narrators.get(nodeId)?.(event) ?? plainWords(event);
    if (!told) continue;
    const focus = moves.arrived[0] ?? moves.sent[0];
    return {
      text: withFates(told, noun, facts.ledgerBefore, facts.ledgerAfter),
      nodeId,
      edgeId: focus?.edgeId,
      msgId: focus?.msgId,
    };
  }
  const fates = fateClauses(noun, facts.ledgerBefore, facts.ledgerAfter);
  return fates.length > 0
    ? { text: capital(fates.join('; ')), nodeId: '', edgeId: undefined, msgId: undefined }
    : null;
}

function rank(arrived: MessageMove[], sent: MessageMove[]): number {
  return arrived.length > 0 ? 2 : sent.length > 0 ? 1 : 0;
}

/** Words about the moves alone, for a kind without a hook (or one that had nothing to add). */
export function plainWords(e: NodeEvent): string | undefined {
  const a = e.arrived[0];
  if (a) {
    if (a.answer)
      return `${e.label} got the ${a.kind === HopKind.Failure ? 'failed ' : ''}answer for ${e.name(a.msgId)} from ${a.peer}`;
    return `${capital(e.name(a.msgId))} reached ${e.label}${a.kind === HopKind.Retry ? ' (a retry)' : ''}`;
  }
  return sentWords(e);
}

/** "API Gateway answered payment #4", "Queue "Sales" delivered 3 payments to Lambda "Sales"". */
export function sentWords(e: NodeEvent): string | undefined {
  const s = e.sent[0];
  if (!s) return undefined;
  if (s.answer)
    return `${e.label} answered ${e.name(s.msgId)}${s.kind === HopKind.Failure ? ' with a failure' : ''}`;
  if (s.kind === HopKind.Filtered)
    return `${e.label} filtered out ${e.name(s.msgId)} for ${s.peer}`;
  const same = e.sent.filter((m) => m.peerId === s.peerId && !m.answer).length;
  if (same > 1) return `${e.label} sent ${plural(same, e.noun)} to ${s.peer}`;
  return `${e.label} sent ${e.name(s.msgId)} to ${s.peer}${s.kind === HopKind.Retry ? ' (again)' : ''}`;
}

/** The sentence plus what the ledger says ended in this event. */
function withFates(text: string, noun: string, before: LedgerSummary, after: LedgerSummary) {
  const fates = fateClauses(noun, before, after);
  return fates.length > 0 ? `${text}; ${fates.join('; ')}` : text;
}

function fateClauses(noun: string, before: LedgerSummary, after: LedgerSummary): string[] {
  const out: string[] = [];
  const done = after.completed - before.completed;
  if (done > 0) out.push(`${plural(after.completed, noun)} done so far`);
  const dead = after.deadLettered - before.deadLettered;
  if (dead > 0) out.push(`${plural(dead, noun)} parked in the dead-letter queue`);
  for (const [reason, n] of Object.entries(after.dropped)) {
    const more = (n ?? 0) - (before.dropped[reason as keyof LedgerSummary['dropped']] ?? 0);
    if (more <= 0) continue;
    out.push(
      reason === 'filteredOut'
        ? `${plural(more, 'delivery')} filtered out (not wanted, not lost)`
        : `${plural(more, noun)} lost (${LOSS_WORDS[reason] ?? reason})`,
    );
  }
  return out;
}

const LOSS_WORDS: Record<string, string> = {
  throttled: 'throttled',
  timedOut: 'timed out',
  error: 'an error',
  expired: 'retention period ended',
  noSubscriber: 'nobody subscribed',
  retriesExhausted: 'retries exhausted',
};
