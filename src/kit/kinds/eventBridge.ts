import { EventBridgeTarget, EventBus, MAX_TARGETS_PER_RULE, type DeliveryResult } from '../../aws';
import { applyInputTransformer, type InputTransformer } from '../../aws/eventPatterns';
import { HopKind } from '../../engine';
import type { ConfigReader } from '../config';
import type { KindModule, NodeContext, NodeInstance, NodeStats } from '../kind';
import type { Link } from '../link';
import { fail, OK, Trace, type Custodian, type Reply, type Result } from '../messages';
import { eventPatternProblem, eventPatternRule, toEvent, type EdgeRule } from './rules';
import { SqsNode } from './sqs';

/** One rule target at run time (a `rule` edge), with its counts. */
interface Target {
  /** The last few deliveries the rule filtered out (their ids), for "why not?". */
  recentFiltered: number[];
  link: Link;
  /** The rule it belongs to (edges of one rule share it): `config.rule`, or the edge id. */
  ruleName: string;
  rule: EdgeRule;
  target: EventBridgeTarget;
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

function deliveryResult(r: Result): DeliveryResult {
  if (r.ok) return 'ok';
  return r.error === 'notFound' ? 'permanent' : 'retryable';
}

/**
 * An EventBridge event bus. A function puts an event on it (over an `async` edge): PutEvents
 * answers at once, or throttles past the bus's quota. Each `rule` edge is one target of a rule
 * (edges with the same `config.rule` are one rule, at most five targets, as AWS allows), carrying
 * the rule's `eventPattern`: every event fans out into one delivery per target, filtered by its
 * rule's pattern, then delivered with the target's retry policy (185 attempts and 24 hours by
 * default) and, when it fails for good, sent to the target's dead-letter queue (a `redrive` edge
 * whose config names the target edge) or lost. A target may reshape the event with an input
 * transformer (`config.inputTransformer`: InputPathsMap and InputTemplate), shown in the test panel.
 * See https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html
 *
 * Node config: `putEventsPerSecond` (default 10,000). Rule edge config: `rule`,
 * `maximumRetryAttempts`, `maximumEventAgeS`, `inputTransformer`.
 */
class EventBusNode implements NodeInstance {
  private readonly bus: EventBus;
  private readonly targets: Target[] = [];
  private unmatched = 0;

  constructor(private readonly ctx: NodeContext) {
    this.bus = new EventBus(ctx.world.sim, ctx.runtime.node.id, {
      putEventsPerSecond: ctx.config.num('putEventsPerSecond', 10_000),
    });
  }

  start(): void {
    const { runtime } = this.ctx;
    const perRule = new Map<string, number>();
    for (const link of runtime.out) {
      if (link.edge.kind !== 'rule') continue;
      const ruleName = link.config.str('rule', link.id);
      const count = (perRule.get(ruleName) ?? 0) + 1;
      if (count > MAX_TARGETS_PER_RULE)
        throw new Error(
          `rule "${ruleName}" of ${runtime.node.id} has more than ${MAX_TARGETS_PER_RULE} targets, which EventBridge refuses`,
        );
      perRule.set(ruleName, count);
      const dlq = runtime.out.find(
        (l) => l.edge.kind === 'redrive' && l.config.str('target', '') === link.id,
      );
      // An edited pattern that came with a link but AWS would refuse: say so, use the pattern's.
      const refused = link.rule ? eventPatternProblem(link.rule) : undefined;
      if (refused) {
        this.ctx.note(
          `The edited event pattern of ${link.id} was refused (${refused}); using the pattern's own.`,
        );
        link.rule = link.edge.eventPattern;
      }
      const t: Target = {
        link,
        ruleName,
        rule: eventPatternRule(link.rule ?? {}),
        custodian: { name: `${link.id} target`, node: link.target.node.id },
        dlq,
        counts: { matched: 0, filtered: 0, delivered: 0, deadLettered: 0, lost: 0 },
        recentFiltered: [],
        target: undefined as unknown as EventBridgeTarget,
      };
      t.target = new EventBridgeTarget(
        this.ctx.world.sim,
        link.id,
        {
          rng: this.ctx.rng.split(link.id),
          deadLetterQueue: dlq !== undefined,
          maximumRetryAttempts: link.config.num('maximumRetryAttempts', 185),
          maximumEventAgeSeconds: link.config.num('maximumEventAgeS', 86_400),
        },
        (id, attempt, done) => this.attempt(t, id, attempt, done),
        {
          onDelivered: () => t.counts.delivered++,
          onExhausted: (id, attempts, reason) => this.exhausted(t, id, attempts, reason),
        },
      );
      this.targets.push(t);
    }
  }

  /** PutEvents: throttled past the quota; otherwise answered at once, then fanned out. */
  accept(trace: Trace, reply: Reply): void {
    const messages = this.ctx.messages;
    if (this.bus.putEvents(1) === 'throttled') {
      reply(fail('throttled', 'ThrottlingException: Rate exceeded (PutEvents)'));
      return;
    }
    const id = messages.handOff(trace);
    reply(OK);
    const variant = messages.variantOf(id);
    const payload = messages.payloadOf(id);
    if (this.targets.length === 0 || !this.targets.some((t) => t.rule.matches(variant, payload))) {
      // No rule matches: EventBridge accepts the event and it goes nowhere.
      this.unmatched++;
    }
    if (this.targets.length === 0) {
      messages.lose(this.ctx.runtime.node.id, id, 'noSubscriber', 0, 'no rule on the bus');
      return;
    }
    const first = messages.fanOut(id, this.targets.length);
    this.targets.forEach((t, k) => {
      const delivery = first + k;
      if (!t.rule.matches(variant, payload)) {
        t.counts.filtered++;
        t.recentFiltered.push(delivery);
        if (t.recentFiltered.length > 20) t.recentFiltered.shift();
        t.link.hop(delivery, HopKind.Filtered, false, 40);
        messages.drop(delivery, 'filteredOut', t.link.target.node.id);
        return;
      }
      t.counts.matched++;
      t.target.deliver(delivery);
    });
  }

  private attempt(t: Target, id: number, attempt: number, done: (r: DeliveryResult) => void): void {
    const trace = new Trace(id, t.custodian, attempt);
    t.link.call(trace, (r) => {
      if (r.ok && trace.owner === t.custodian) this.ctx.messages.settle(trace, t.custodian, OK);
      done(deliveryResult(r));
    });
  }

  private exhausted(t: Target, id: number, attempts: number, reason: string): void {
    const messages = this.ctx.messages;
    if (t.dlq) {
      t.counts.deadLettered++;
      t.dlq.hop(id, HopKind.Failure);
      messages.deadLetter(id, t.dlq.target.node.id);
      const dlq = t.dlq.target.instance;
      if (dlq instanceof SqsNode) dlq.queue.send(id);
      return;
    }
    t.counts.lost++;
    messages.lose(
      t.link.target.node.id,
      id,
      reason === 'expired' ? 'expired' : reason === 'permanent' ? 'error' : 'retriesExhausted',
      attempts,
      reason === 'expired'
        ? "older than the target's maximum event age; the target has no dead-letter queue"
        : reason === 'permanent'
          ? 'the target refused it for good (EventBridge does not retry that)'
          : `EventBridge gave up after ${attempts} attempts; the target has no dead-letter queue`,
    );
  }

  setRule(link: Link, rule: Record<string, unknown>): string | undefined {
    const t = this.targets.find((x) => x.link === link);
    if (!t) return `${link.id} is not a rule target of ${this.ctx.runtime.node.id}`;
    const problem = eventPatternProblem(rule);
    if (problem) return problem;
    // A rule's pattern is one for all its targets.
    for (const other of this.targets)
      if (other.ruleName === t.ruleName) {
        other.link.rule = rule;
        other.rule = eventPatternRule(rule);
      }
    return undefined;
  }

  explainRule(link: Link, msgId: number): string[] {
    const t = this.targets.find((x) => x.link === link);
    return t ? t.rule.explain(this.ctx.messages.payloadOf(msgId)) : [];
  }

  /** What a target receives for a message: the event, or its input transformer's output. */
  targetInput(link: Link, msgId: number): string {
    const event = toEvent(this.ctx.messages.payloadOf(msgId));
    const transformer = link.config.record('inputTransformer');
    if (!transformer) return JSON.stringify(event);
    return applyInputTransformer(transformer as unknown as InputTransformer, event);
  }

  /** The last few deliveries a link's rule filtered out. */
  recentFiltered(link: Link): number[] {
    return [...(this.find(link)?.recentFiltered ?? [])];
  }

  private find(link: Link) {
    return this.targets.find((x) => x.link === link);
  }

  reconfigure(config: ConfigReader): void {
    this.bus.setPutEventsQuota(config.num('putEventsPerSecond', 10_000));
    for (const t of this.targets)
      t.target.reconfigure({
        maximumRetryAttempts: t.link.config.num('maximumRetryAttempts', 185),
        maximumEventAgeSeconds: t.link.config.num('maximumEventAgeS', 86_400),
      });
  }

  stats(): NodeStats {
    const b = this.bus.stats();
    let matched = 0;
    let delivered = 0;
    let retried = 0;
    let inRetry = 0;
    let deadLettered = 0;
    let lost = 0;
    for (const t of this.targets) {
      matched += t.counts.matched;
      delivered += t.counts.delivered;
      deadLettered += t.counts.deadLettered;
      lost += t.counts.lost;
      const st = t.target.stats();
      retried += st.retries;
      inRetry += st.inRetry;
    }
    return {
      events: b.accepted,
      throttled: b.throttled,
      unmatched: this.unmatched,
      matched,
      delivered,
      retried,
      inRetry,
      deadLettered,
      lost,
    };
  }

  edgeStats(): Record<string, NodeStats> {
    const out: Record<string, NodeStats> = {};
    for (const t of this.targets) {
      const st = t.target.stats();
      out[t.link.id] = { ...t.counts, retried: st.retries, inRetry: st.inRetry };
    }
    return out;
  }
}

/** The `eventBridge` kind. */
export const eventBridgeKind: KindModule = {
  kind: 'eventBridge',
  statKeys: [
    'events',
    'throttled',
    'unmatched',
    'matched',
    'delivered',
    'retried',
    'inRetry',
    'deadLettered',
    'lost',
  ],
  create: (ctx) => new EventBusNode(ctx),
};
