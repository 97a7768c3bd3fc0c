import { SnsSubscription, SnsTopic, type DeliveryResult, type SnsProtocol } from '../../aws';
import type { FilterPolicyScope } from '../../aws/snsFilter';
import { HopKind } from '../../engine';
import type { ConfigReader } from '../config';
import type { KindModule, NodeContext, NodeInstance, NodeStats } from '../kind';
import type { Link } from '../link';
import { fail, OK, Trace, type Custodian, type Reply, type Result } from '../messages';
import { filterPolicyProblem, filterPolicyRule, type EdgeRule } from './rules';
import { SqsNode } from './sqs';

/** One subscription at run time, with its counts. */
interface Sub {
  /** The last few deliveries the rule filtered out (their ids), for "why not?". */
  recentFiltered: number[];
  link: Link;
  sub: SnsSubscription;
  rule: EdgeRule;
  scope: FilterPolicyScope;
  custodian: Custodian;
  dlq: Link | undefined;
  counts: {
    matched: number;
    filtered: number;
    delivered: number;
    deadLettered: number;
    lost: number;
  };
}

/** How SNS sees a subscriber's answer: a delivery it retries, or one it gives up at once. */
function deliveryResult(r: Result): DeliveryResult {
  if (r.ok) return 'ok';
  return r.error === 'notFound' ? 'permanent' : 'retryable';
}

/**
 * An SNS topic. A publisher's call (over an `async` or `rule` edge) is answered as soon as the
 * topic has the message, whether or not anyone will receive it: the publisher never knows. The
 * message then fans out into one delivery per `subscription` edge, each with its own fate: a
 * subscription whose filter policy does not match ends its delivery as filtered out (drawn as a
 * grey mark on the edge); the others are delivered with SNS's retry policy for the protocol, and a
 * delivery that runs out of retries goes to the subscription's dead-letter queue (a `redrive` edge
 * whose config names the subscription) or is lost.
 * See https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html and
 * https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering.html
 *
 * Config: `publishRateLimitPerS` (default 30,000). Subscription edge config: `protocol` (lambda,
 * sqs, email, http, https...), `filterPolicyScope` (MessageAttributes | MessageBody),
 * `rawMessageDelivery`; the edge's `filterPolicy`.
 */
class SnsNode implements NodeInstance {
  private readonly topic: SnsTopic;
  private readonly subs: Sub[] = [];
  private noSubscriber = 0;

  constructor(private readonly ctx: NodeContext) {
    this.topic = new SnsTopic(ctx.world.sim, ctx.runtime.node.id, {
      publishPerSecond: ctx.config.num('publishRateLimitPerS', 30_000),
    });
  }

  start(): void {
    const { runtime } = this.ctx;
    for (const link of runtime.out) {
      if (link.edge.kind !== 'subscription') continue;
      const scope = link.config.str('filterPolicyScope', 'MessageAttributes') as FilterPolicyScope;
      const custodian: Custodian = { name: `${link.id} subscription`, node: link.target.node.id };
      // An edited policy that came with a link but AWS would refuse: say so, use the pattern's.
      const refused = link.rule ? filterPolicyProblem(link.rule, scope) : undefined;
      if (refused) {
        this.ctx.note(
          `The edited filter policy of ${link.id} was refused (${refused}); using the pattern's own.`,
        );
        link.rule = link.edge.filterPolicy;
      }
      const protocol = link.config.str('protocol', protocolFor(link)) as SnsProtocol;
      const s: Sub = {
        link,
        rule: filterPolicyRule(link.rule, scope),
        scope,
        custodian,
        dlq: runtime.out.find(
          (l) => l.edge.kind === 'redrive' && l.config.str('subscription', '') === link.id,
        ),
        counts: { matched: 0, filtered: 0, delivered: 0, deadLettered: 0, lost: 0 },
        recentFiltered: [],
        sub: undefined as unknown as SnsSubscription,
      };
      s.sub = new SnsSubscription(
        this.ctx.world.sim,
        link.id,
        {
          protocol,
          redrive: s.dlq !== undefined,
          rawMessageDelivery:
            (protocol === 'sqs' || protocol === 'http' || protocol === 'https') &&
            link.config.bool('rawMessageDelivery', false),
        },
        (id, attempt, done) => this.attempt(s, id, attempt, done),
        {
          onDelivered: () => s.counts.delivered++,
          onExhausted: (id, attempts, reason) => this.exhausted(s, id, attempts, reason),
        },
      );
      this.subs.push(s);
    }
  }

  /** Publish: answered at once; then one delivery per subscription. */
  accept(trace: Trace, reply: Reply): void {
    const messages = this.ctx.messages;
    if (this.topic.publish() === 'throttled') {
      reply(fail('throttled', 'Rate exceeded (SNS Publish quota)'));
      return;
    }
    const id = messages.handOff(trace);
    reply(OK);
    if (this.subs.length === 0) {
      this.noSubscriber++;
      messages.lose(
        this.ctx.runtime.node.id,
        id,
        'noSubscriber',
        0,
        'nobody subscribes to the topic',
      );
      return;
    }
    const variant = messages.variantOf(id);
    const payload = messages.payloadOf(id);
    const first = messages.fanOut(id, this.subs.length);
    this.subs.forEach((s, k) => {
      const delivery = first + k;
      if (!s.rule.matches(variant, payload)) {
        s.counts.filtered++;
        s.recentFiltered.push(delivery);
        if (s.recentFiltered.length > 20) s.recentFiltered.shift();
        s.link.hop(delivery, HopKind.Filtered, false, 40);
        messages.drop(delivery, 'filteredOut', s.link.target.node.id);
        return;
      }
      s.counts.matched++;
      s.sub.deliver(delivery);
    });
  }

  private attempt(s: Sub, id: number, attempt: number, done: (r: DeliveryResult) => void): void {
    const trace = new Trace(id, s.custodian, attempt);
    s.link.call(trace, (r) => {
      // A subscriber that is itself a buffer (a queue, Lambda's event queue) holds it now; an
      // endpoint that only receives (an email server) has it: delivered.
      if (r.ok && trace.owner === s.custodian) this.ctx.messages.settle(trace, s.custodian, OK);
      done(deliveryResult(r));
    });
  }

  private exhausted(s: Sub, id: number, attempts: number, reason: string): void {
    const messages = this.ctx.messages;
    if (s.dlq) {
      s.counts.deadLettered++;
      s.dlq.hop(id, HopKind.Failure);
      messages.deadLetter(id, s.dlq.target.node.id);
      const dlq = s.dlq.target.instance;
      if (dlq instanceof SqsNode) dlq.queue.send(id);
      return;
    }
    s.counts.lost++;
    messages.lose(
      s.link.target.node.id,
      id,
      reason === 'permanent' ? 'error' : 'retriesExhausted',
      attempts,
      reason === 'permanent'
        ? 'the subscriber refused it for good; SNS does not retry that'
        : `SNS gave up after ${attempts} attempts (${s.sub.protocol} retry policy) and the subscription has no dead-letter queue`,
    );
  }

  setRule(link: Link, rule: Record<string, unknown>): string | undefined {
    const s = this.subs.find((x) => x.link === link);
    if (!s) return `${link.id} is not a subscription of ${this.ctx.runtime.node.id}`;
    const problem = filterPolicyProblem(rule, s.scope);
    if (problem) return problem;
    link.rule = rule;
    s.rule = filterPolicyRule(rule, s.scope);
    return undefined;
  }

  /** Why a message does not pass a subscription's filter policy. */
  explainRule(link: Link, msgId: number): string[] {
    const s = this.subs.find((x) => x.link === link);
    return s ? s.rule.explain(this.ctx.messages.payloadOf(msgId)) : [];
  }

  /** The last few deliveries a link's rule filtered out. */
  recentFiltered(link: Link): number[] {
    return [...(this.find(link)?.recentFiltered ?? [])];
  }

  private find(link: Link) {
    return this.subs.find((x) => x.link === link);
  }

  reconfigure(config: ConfigReader): void {
    this.topic.setPublishQuota(config.num('publishRateLimitPerS', 30_000));
  }

  stats(): NodeStats {
    const t = this.topic.stats();
    let matched = 0;
    let filtered = 0;
    let delivered = 0;
    let retried = 0;
    let inRetry = 0;
    let deadLettered = 0;
    let lost = this.noSubscriber;
    for (const s of this.subs) {
      matched += s.counts.matched;
      filtered += s.counts.filtered;
      delivered += s.counts.delivered;
      deadLettered += s.counts.deadLettered;
      lost += s.counts.lost;
      const st = s.sub.stats();
      retried += st.retries;
      inRetry += st.inRetry;
    }
    return {
      published: t.published,
      throttled: t.throttled,
      matched,
      filtered,
      delivered,
      retried,
      inRetry,
      deadLettered,
      lost,
    };
  }

  edgeStats(): Record<string, NodeStats> {
    const out: Record<string, NodeStats> = {};
    for (const s of this.subs) {
      const st = s.sub.stats();
      out[s.link.id] = { ...s.counts, retried: st.retries, inRetry: st.inRetry };
    }
    return out;
  }
}

/** The SNS protocol of a subscription edge by its target's kind, when the edge does not say. */
function protocolFor(link: Link): SnsProtocol {
  switch (link.target.node.kind) {
    case 'sqs':
      return 'sqs';
    case 'lambda':
      return 'lambda';
    case 'email':
      return 'email';
    default:
      return 'https';
  }
}

/** The `sns` kind. */
export const snsKind: KindModule = {
  kind: 'sns',
  statKeys: [
    'published',
    'throttled',
    'matched',
    'filtered',
    'delivered',
    'retried',
    'inRetry',
    'deadLettered',
    'lost',
  ],
  create: (ctx) => new SnsNode(ctx),
};
