import { SnsSubscription, SnsTopic, type SnsProtocol } from '../../aws';
import type { FilterPolicyScope } from '../../aws/snsFilter';
import type { ConfigReader } from '../config';
import type { KindModule, NodeContext, NodeInstance, NodeStats } from '../kind';
import type { Link } from '../link';
import { fail, OK, type Reply, type Trace } from '../messages';
import { FanOut } from './fanout';
import { filterPolicyProblem, filterPolicyRule } from './rules';
import { narrateFanOut } from './stories';

/**
 * An SNS topic. A publisher's call (over an `async` or `rule` edge) is answered as soon as the
 * topic has the message, whether or not anyone will receive it: the publisher never knows. The
 * message then fans out into one delivery per `subscription` edge, each with its own fate (see
 * `fanout.ts`): filtered out by the subscription's filter policy, delivered with SNS's retry
 * policy for the protocol, or, once the retries run out, sent to the subscription's dead-letter
 * queue (a `redrive` edge whose config names the subscription) or lost.
 * See https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html and
 * https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering.html
 *
 * Config: `publishRateLimitPerS` (default 30,000). Subscription edge config: `protocol` (lambda,
 * sqs, email, http, https...), `filterPolicyScope` (MessageAttributes | MessageBody),
 * `rawMessageDelivery`; the edge's `filterPolicy`.
 */
class SnsNode implements NodeInstance {
  private readonly topic: SnsTopic;
  private readonly fanOut: FanOut;
  /** The filter policy scope of each subscription. */
  private readonly scopes = new Map<Link, FilterPolicyScope>();
  private noSubscriber = 0;

  constructor(private readonly ctx: NodeContext) {
    this.topic = new SnsTopic(ctx.world.sim, ctx.runtime.node.id, {
      publishPerSecond: ctx.config.num('publishRateLimitPerS', 30_000),
    });
    this.fanOut = new FanOut(ctx, (reason, attempts, b) =>
      reason === 'permanent'
        ? { reason: 'error', detail: 'the subscriber refused it for good; SNS does not retry that' }
        : {
            reason: 'retriesExhausted',
            detail: `SNS gave up after ${attempts} attempts (${b.link.config.str('protocol', protocolFor(b.link))} retry policy) and the subscription has no dead-letter queue`,
          },
    );
  }

  start(): void {
    const { runtime } = this.ctx;
    for (const link of runtime.out) {
      if (link.edge.kind !== 'subscription') continue;
      const scope = link.config.str('filterPolicyScope', 'MessageAttributes') as FilterPolicyScope;
      this.scopes.set(link, scope);
      // An edited policy that came with a link but AWS would refuse: say so, use the pattern's.
      const refused = link.rule ? filterPolicyProblem(link.rule, scope) : undefined;
      if (refused) {
        this.ctx.note(
          `The edited filter policy of ${link.id} was refused (${refused}); using the pattern's own.`,
        );
        link.rule = link.edge.filterPolicy;
      }
      const protocol = link.config.str('protocol', protocolFor(link)) as SnsProtocol;
      const dlq = runtime.out.find(
        (l) => l.edge.kind === 'redrive' && l.config.str('subscription', '') === link.id,
      );
      this.fanOut.add(
        link,
        filterPolicyRule(link.rule, scope),
        dlq,
        (endpoint, hooks) =>
          new SnsSubscription(
            this.ctx.world.sim,
            link.id,
            {
              protocol,
              redrive: dlq !== undefined,
              rawMessageDelivery:
                (protocol === 'sqs' || protocol === 'http' || protocol === 'https') &&
                link.config.bool('rawMessageDelivery', false),
            },
            endpoint,
            hooks,
          ),
      );
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
    if (this.fanOut.branches.length === 0) {
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
    this.fanOut.publish(id);
  }

  setRule(link: Link, rule: Record<string, unknown>): string | undefined {
    const branch = this.fanOut.find(link);
    const scope = this.scopes.get(link);
    if (!branch || !scope) return `${link.id} is not a subscription of ${this.ctx.runtime.node.id}`;
    const problem = filterPolicyProblem(rule, scope);
    if (problem) return problem;
    link.rule = rule;
    branch.rule = filterPolicyRule(rule, scope);
    return undefined;
  }

  explainRule(link: Link, msgId: number): string[] {
    return this.fanOut.explain(link, msgId);
  }

  recentFiltered(link: Link): number[] {
    return [...(this.fanOut.find(link)?.recentFiltered ?? [])];
  }

  reconfigure(config: ConfigReader): void {
    this.topic.setPublishQuota(config.num('publishRateLimitPerS', 30_000));
  }

  stats(): NodeStats {
    const t = this.topic.stats();
    const totals = this.fanOut.totals();
    return {
      published: t.published,
      throttled: t.throttled,
      ...totals,
      lost: (totals.lost ?? 0) + this.noSubscriber,
    };
  }

  edgeStats(): Record<string, NodeStats> {
    return this.fanOut.edgeStats();
  }
}

/** The SNS protocol of a subscription edge by its target's kind, when the edge does not say. */
function protocolFor(link: Link): SnsProtocol {
  const byKind: Partial<Record<string, SnsProtocol>> = {
    sqs: 'sqs',
    lambda: 'lambda',
    email: 'email',
  };
  return byKind[link.target.node.kind] ?? 'https';
}

/** The `sns` kind. */
export const snsKind: KindModule = {
  kind: 'sns',
  narrate: narrateFanOut,
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
