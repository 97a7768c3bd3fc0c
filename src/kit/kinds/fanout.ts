import type { DeliveryEndpoint, DeliveryResult } from '../../aws';
import { HopKind, type DropReason } from '../../engine';
import type { NodeContext, NodeStats } from '../kind';
import type { Link } from '../link';
import { OK, Trace, type Custodian, type Result } from '../messages';
import type { EdgeRule } from './rules';
import { SqsNode } from './sqs';

/** What SNS subscriptions and EventBridge targets have in common, as a fan-out sees them. */
export interface Deliverer {
  deliver(id: number): void;
  stats(): { retries: number; inRetry: number };
}

/** The hooks a deliverer reports to. */
export interface DelivererHooks {
  onDelivered(id: number, attempts: number): void;
  onExhausted(id: number, attempts: number, reason: string): void;
}

/** One subscription or rule target at run time, with its counts. */
export interface Branch {
  link: Link;
  rule: EdgeRule;
  custodian: Custodian;
  /** The `redrive` edge to its dead-letter queue, if it has one. */
  dlq: Link | undefined;
  deliverer: Deliverer;
  counts: {
    matched: number;
    filtered: number;
    delivered: number;
    deadLettered: number;
    lost: number;
  };
  /** The last few deliveries the rule filtered out (their ids), for "why not?". */
  recentFiltered: number[];
}

/** Why a delivery was given up, and what the graveyard says about it. */
export type LossText = (
  reason: string,
  attempts: number,
  branch: Branch,
) => {
  reason: DropReason;
  detail: string;
};

/** How a deliverer sees a subscriber's answer: a delivery it retries, or one it gives up. */
function deliveryResult(r: Result): DeliveryResult {
  if (r.ok) return 'ok';
  return r.error === 'notFound' ? 'permanent' : 'retryable';
}

const RECENT_FILTERED = 20;

/**
 * What an SNS topic and an event bus share: a message fans out into one ledger delivery per
 * branch (subscription, rule target), each with its own fate. A branch whose rule does not match
 * ends its delivery as filtered out and draws a grey mark; the others are delivered by the
 * branch's deliverer (with the service's retry policy), through the branch's link. A delivery
 * accepted by a buffer (a queue, Lambda's event queue) is the buffer's from then on; one accepted
 * by an endpoint that only receives (a mail server) is delivered; one given up goes to the
 * branch's dead-letter queue, or to the target node's graveyard.
 */
export class FanOut {
  readonly branches: Branch[] = [];

  constructor(
    private readonly ctx: NodeContext,
    private readonly lossText: LossText,
  ) {}

  /** Adds a branch; `make` builds its deliverer around the shared endpoint and hooks. */
  add(
    link: Link,
    rule: EdgeRule,
    dlq: Link | undefined,
    make: (endpoint: DeliveryEndpoint, hooks: DelivererHooks) => Deliverer,
  ): Branch {
    const branch: Branch = {
      link,
      rule,
      dlq,
      custodian: { name: `${link.id} delivery`, node: link.target.node.id },
      counts: { matched: 0, filtered: 0, delivered: 0, deadLettered: 0, lost: 0 },
      recentFiltered: [],
      deliverer: undefined as unknown as Deliverer,
    };
    branch.deliverer = make((id, attempt, done) => this.attempt(branch, id, attempt, done), {
      onDelivered: () => branch.counts.delivered++,
      onExhausted: (id, attempts, reason) => this.exhausted(branch, id, attempts, reason),
    });
    this.branches.push(branch);
    return branch;
  }

  /** Whether any branch's rule takes message `id`. */
  anyMatches(id: number): boolean {
    const messages = this.ctx.messages;
    const variant = messages.variantOf(id);
    const payload = messages.payloadOf(id);
    return this.branches.some((b) => b.rule.matches(variant, payload));
  }

  /** Fans message `id` (held by this node) out into one delivery per branch. */
  publish(id: number): void {
    const messages = this.ctx.messages;
    const variant = messages.variantOf(id);
    const payload = messages.payloadOf(id);
    const first = messages.fanOut(id, this.branches.length);
    this.branches.forEach((b, k) => {
      const delivery = first + k;
      if (!b.rule.matches(variant, payload)) {
        b.counts.filtered++;
        b.recentFiltered.push(delivery);
        if (b.recentFiltered.length > RECENT_FILTERED) b.recentFiltered.shift();
        b.link.hop(delivery, HopKind.Filtered, false, 40);
        messages.drop(delivery, 'filteredOut', b.link.target.node.id);
        return;
      }
      b.counts.matched++;
      b.deliverer.deliver(delivery);
    });
  }

  private attempt(b: Branch, id: number, attempt: number, done: (r: DeliveryResult) => void): void {
    const trace = new Trace(id, b.custodian, attempt);
    b.link.call(trace, (r) => {
      if (r.ok && trace.owner === b.custodian) this.ctx.messages.settle(trace, b.custodian, OK);
      done(deliveryResult(r));
    });
  }

  private exhausted(b: Branch, id: number, attempts: number, reason: string): void {
    const messages = this.ctx.messages;
    if (b.dlq) {
      b.counts.deadLettered++;
      b.dlq.hop(id, HopKind.Failure);
      messages.deadLetter(id, b.dlq.target.node.id);
      const dlq = b.dlq.target.instance;
      if (dlq instanceof SqsNode) dlq.queue.send(id);
      return;
    }
    b.counts.lost++;
    const loss = this.lossText(reason, attempts, b);
    messages.lose(b.link.target.node.id, id, loss.reason, attempts, loss.detail);
  }

  /** The branch of a link. */
  find(link: Link): Branch | undefined {
    return this.branches.find((b) => b.link === link);
  }

  /** Why a message does not pass a branch's rule. */
  explain(link: Link, msgId: number): string[] {
    const b = this.find(link);
    return b ? b.rule.explain(this.ctx.messages.payloadOf(msgId)) : [];
  }

  /** The counts every branch adds up to, for the node's own stats. */
  totals(): NodeStats {
    const t = {
      matched: 0,
      filtered: 0,
      delivered: 0,
      retried: 0,
      inRetry: 0,
      deadLettered: 0,
      lost: 0,
    };
    for (const b of this.branches) {
      t.matched += b.counts.matched;
      t.filtered += b.counts.filtered;
      t.delivered += b.counts.delivered;
      t.deadLettered += b.counts.deadLettered;
      t.lost += b.counts.lost;
      const st = b.deliverer.stats();
      t.retried += st.retries;
      t.inRetry += st.inRetry;
    }
    return t;
  }

  /** Each branch's own counts, by edge id. */
  edgeStats(): Record<string, NodeStats> {
    const out: Record<string, NodeStats> = {};
    for (const b of this.branches) {
      const st = b.deliverer.stats();
      out[b.link.id] = { ...b.counts, retried: st.retries, inRetry: st.inRetry };
    }
    return out;
  }
}
