import type { ConfigReader } from '../config';
import type { KindModule, NodeContext, NodeInstance, NodeStats } from '../kind';
import type { Link } from '../link';
import { Trace, type Custodian, type Result } from '../messages';
import { Producer } from '../producer';
import { narrateUser } from './stories';

/**
 * The users: an entry point that creates messages at the configured arrival pattern (with
 * payloads from the configured mix, see `../producer.ts`) and calls its one outgoing edge with
 * each, then tallies the answers by status. While no function has taken a message over (a 429
 * from the gateway, a 404), its fate is settled here from the answer.
 */
class UserNode implements NodeInstance {
  private readonly custodian: Custodian;
  private readonly producer: Producer;
  private link: Link | undefined;
  private readonly counts = {
    sent: 0,
    ok: 0,
    errors: 0,
    throttled: 0,
    timedOut: 0,
    throttledByGateway: 0,
    notFound: 0,
    clientErrors: 0,
  };
  /** Answers that reached the user, for the "response" flows. */
  onResponse: ((id: number) => void) | undefined;

  constructor(private readonly ctx: NodeContext) {
    this.custodian = { name: ctx.runtime.node.id, entry: true };
    this.producer = new Producer(ctx, (id) => this.arrive(id));
  }

  start(): void {
    this.link = this.ctx.runtime.out[0];
    if (this.link) this.producer.start();
  }

  accept(_trace: Trace, reply: (r: Result) => void): void {
    reply({ ok: false, error: 'error', message: 'users do not accept messages' });
  }

  reconfigure(config: ConfigReader): void {
    this.producer.reconfigure(config);
  }

  stop(): void {
    this.producer.stop();
  }

  private arrive(id: number): void {
    const link = this.link as Link;
    const trace = new Trace(id, this.custodian);
    this.counts.sent++;
    link.call(trace, (r) => this.answered(trace, r));
  }
  private answered(trace: Trace, r: Result): void {
    this.onResponse?.(trace.id);
    const c = this.counts;
    const status = r.status ?? (r.ok ? 200 : 500);
    if (status < 300) c.ok++;
    else if (status === 429) {
      c.throttled++;
      if (!r.ok && r.atGateway) c.throttledByGateway++;
    } else if (status === 504) c.timedOut++;
    else if (status === 404) c.notFound++;
    else if (status < 500) c.clientErrors++;
    else c.errors++;
    this.ctx.messages.settle(trace, this.custodian, r);
  }

  stats(): NodeStats {
    const c = this.counts;
    return { ...c, serverErrors: c.errors + c.timedOut };
  }
}

/** The `user` kind. */
export const userKind: KindModule = {
  kind: 'user',
  narrate: narrateUser,
  statKeys: [
    'sent',
    'ok',
    'errors',
    'throttled',
    'timedOut',
    'throttledByGateway',
    'notFound',
    'clientErrors',
    'serverErrors',
  ],
  create: (ctx) => new UserNode(ctx),
};

/** The user kind's instance type, for the assembler's response flows. */
export type { UserNode };
