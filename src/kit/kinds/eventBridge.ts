import { EventBridgeTarget, EventBus, MAX_TARGETS_PER_RULE } from '../../aws';
import { applyInputTransformer, type InputTransformer } from '../../aws/eventPatterns';
import type { ConfigReader } from '../config';
import type { KindModule, NodeContext, NodeInstance, NodeStats } from '../kind';
import type { Link } from '../link';
import { fail, OK, type Reply, type Trace } from '../messages';
import { FanOut } from './fanout';
import { eventPatternProblem, eventPatternRule, toEvent } from './rules';
import { narrateFanOut } from './stories';

/**
 * An EventBridge event bus. A function puts an event on it (over an `async` edge): PutEvents
 * answers at once, or throttles past the bus's quota. Each `rule` edge is one target of a rule
 * (edges with the same `config.rule` are one rule, at most five targets, as AWS allows), carrying
 * the rule's `eventPattern`: every event fans out into one delivery per target (see
 * `fanout.ts`), filtered by its rule's pattern, delivered with the target's retry policy (185
 * attempts and 24 hours by default) and, when it fails for good, sent to the target's dead-letter
 * queue (a `redrive` edge whose config names the target edge) or lost. A target may reshape the
 * event with an input transformer (`config.inputTransformer`: InputPathsMap and InputTemplate).
 * See https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html
 *
 * Node config: `putEventsPerSecond` (default 10,000). Rule edge config: `rule`,
 * `maximumRetryAttempts`, `maximumEventAgeS`, `inputTransformer`.
 */
class EventBusNode implements NodeInstance {
  private readonly bus: EventBus;
  private readonly fanOut: FanOut;
  private readonly targets = new Map<Link, { ruleName: string; target: EventBridgeTarget }>();
  private unmatched = 0;

  constructor(private readonly ctx: NodeContext) {
    this.bus = new EventBus(ctx.world.sim, ctx.runtime.node.id, {
      putEventsPerSecond: ctx.config.num('putEventsPerSecond', 10_000),
    });
    this.fanOut = new FanOut(ctx, (reason, attempts) =>
      reason === 'expired'
        ? {
            reason: 'expired',
            detail:
              "older than the target's maximum event age; the target has no dead-letter queue",
          }
        : reason === 'permanent'
          ? {
              reason: 'error',
              detail: 'the target refused it for good (EventBridge does not retry that)',
            }
          : {
              reason: 'retriesExhausted',
              detail: `EventBridge gave up after ${attempts} attempts; the target has no dead-letter queue`,
            },
    );
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
      // An edited pattern that came with a link but AWS would refuse: say so, use the pattern's.
      const refused = link.rule ? eventPatternProblem(link.rule) : undefined;
      if (refused) {
        this.ctx.note(
          `The edited event pattern of ${link.id} was refused (${refused}); using the pattern's own.`,
        );
        link.rule = link.edge.eventPattern;
      }
      const dlq = runtime.out.find(
        (l) => l.edge.kind === 'redrive' && l.config.str('target', '') === link.id,
      );
      this.fanOut.add(link, eventPatternRule(link.rule ?? {}), dlq, (endpoint, hooks) => {
        const target = new EventBridgeTarget(
          this.ctx.world.sim,
          link.id,
          {
            rng: this.ctx.rng.split(link.id),
            deadLetterQueue: dlq !== undefined,
            maximumRetryAttempts: link.config.num('maximumRetryAttempts', 185),
            maximumEventAgeSeconds: link.config.num('maximumEventAgeS', 86_400),
          },
          endpoint,
          hooks,
        );
        this.targets.set(link, { ruleName, target });
        return target;
      });
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
    // An event no rule matches is accepted and goes nowhere: the publisher cannot tell.
    if (!this.fanOut.anyMatches(id)) this.unmatched++;
    if (this.fanOut.branches.length === 0) {
      messages.lose(this.ctx.runtime.node.id, id, 'noSubscriber', 0, 'no rule on the bus');
      return;
    }
    this.fanOut.publish(id);
  }

  setRule(link: Link, rule: Record<string, unknown>): string | undefined {
    const mine = this.targets.get(link);
    if (!mine) return `${link.id} is not a rule target of ${this.ctx.runtime.node.id}`;
    const problem = eventPatternProblem(rule);
    if (problem) return problem;
    // A rule's pattern is one for all its targets.
    for (const [other, t] of this.targets) {
      if (t.ruleName !== mine.ruleName) continue;
      other.rule = rule;
      const branch = this.fanOut.find(other);
      if (branch) branch.rule = eventPatternRule(rule);
    }
    return undefined;
  }

  explainRule(link: Link, msgId: number): string[] {
    return this.fanOut.explain(link, msgId);
  }

  recentFiltered(link: Link): number[] {
    return [...(this.fanOut.find(link)?.recentFiltered ?? [])];
  }

  /** What a target receives for a message: the event, or its input transformer's output. */
  targetInput(link: Link, msgId: number): string {
    const event = toEvent(this.ctx.messages.payloadOf(msgId));
    const transformer = link.config.record('inputTransformer');
    if (!transformer) return JSON.stringify(event);
    return applyInputTransformer(transformer as unknown as InputTransformer, event);
  }

  reconfigure(config: ConfigReader): void {
    this.bus.setPutEventsQuota(config.num('putEventsPerSecond', 10_000));
    for (const [link, t] of this.targets)
      t.target.reconfigure({
        maximumRetryAttempts: link.config.num('maximumRetryAttempts', 185),
        maximumEventAgeSeconds: link.config.num('maximumEventAgeS', 86_400),
      });
  }

  stats(): NodeStats {
    const b = this.bus.stats();
    const totals = this.fanOut.totals();
    return {
      events: b.accepted,
      throttled: b.throttled,
      unmatched: this.unmatched,
      ...totals,
    };
  }

  edgeStats(): Record<string, NodeStats> {
    return this.fanOut.edgeStats();
  }
}

/** The `eventBridge` kind. */
export const eventBridgeKind: KindModule = {
  kind: 'eventBridge',
  narrate: narrateFanOut,
  statKeys: [
    'events',
    'throttled',
    'unmatched',
    'matched',
    'filtered',
    'delivered',
    'retried',
    'inRetry',
    'deadLettered',
    'lost',
  ],
  create: (ctx) => new EventBusNode(ctx),
};
