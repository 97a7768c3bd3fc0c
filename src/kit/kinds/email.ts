import { sample, type Distribution } from '../../engine';
import type { ConfigReader } from '../config';
import type { KindModule, NodeContext, NodeInstance, NodeStats } from '../kind';
import { fail, OK, type Reply, type Trace } from '../messages';
import { narrateEmail } from './stories';

/**
 * An email endpoint (an SMTP server behind an SNS email subscription): it accepts a delivery
 * after its duration, or refuses it while it is down or at its failure rate. A refused delivery is
 * the sender's to retry; what the mailbox accepted is delivered, the end of the line.
 *
 * Config: `available` (default true), `errorRate` (0–1), `duration` (distribution, ms).
 */
class EmailNode implements NodeInstance {
  private available: boolean;
  private errorRate: number;
  private duration: Distribution;
  private delivered = 0;
  private refused = 0;

  constructor(private readonly ctx: NodeContext) {
    this.available = ctx.config.bool('available', true);
    this.errorRate = ctx.config.num('errorRate', 0);
    this.duration = ctx.config.dist('duration', { kind: 'lognormal', mean: 200, cv: 0.5 });
  }

  accept(_trace: Trace, reply: Reply): void {
    const rng = this.ctx.rng;
    if (!this.available) {
      this.refused++;
      reply(fail('error', 'endpoint unreachable (mail server down)'));
      return;
    }
    this.ctx.world.sim.schedule(
      sample(this.duration, rng),
      () => {
        if (rng.chance(this.errorRate)) {
          this.refused++;
          reply(fail('error', 'mail server answered 4xx (try later)'));
        } else {
          this.delivered++;
          reply(OK);
        }
      },
      undefined,
    );
  }

  reconfigure(config: ConfigReader): void {
    this.available = config.bool('available', true);
    this.errorRate = config.num('errorRate', 0);
    this.duration = config.dist('duration', this.duration);
  }

  stats(): NodeStats {
    return { delivered: this.delivered, refused: this.refused, up: this.available ? 1 : 0 };
  }
}

/** The `email` kind. */
export const emailKind: KindModule = {
  kind: 'email',
  narrate: narrateEmail,
  statKeys: ['delivered', 'refused', 'up'],
  create: (ctx) => new EmailNode(ctx),
};
