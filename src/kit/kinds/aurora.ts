import { AuroraDatabase, type AuroraConfig } from '../../aws';
import type { ConfigReader } from '../config';
import type { KindModule, NodeContext, NodeInstance, NodeStats } from '../kind';
import { fail, OK, type Reply } from '../messages';
import { narrateAurora } from './stories';

/**
 * An Aurora database written to over `write` edges: one query per message. Past max_connections
 * it refuses ("Too many connections"), unless an RDS Proxy is in front: then requests wait for a
 * pooled connection up to the proxy's borrow timeout.
 *
 * Config: `maxConnections`, `queryLatency` (distribution, ms), `contention`, `proxy`,
 * `borrowTimeoutMs` (default 120 s), `maxConnectionsPercent` (default 100), `serverlessV2Acu`
 * (read by the cost model only, `../cost.ts`: billed as Aurora Serverless v2 at that average
 * capacity instead of one provisioned instance).
 */
class AuroraNode implements NodeInstance {
  private readonly db: AuroraDatabase;

  constructor(ctx: NodeContext) {
    this.db = new AuroraDatabase(ctx.world, ctx.rng, settings(ctx.config));
  }

  accept(_trace: unknown, reply: Reply): void {
    this.db.query((r) =>
      reply(
        r.ok
          ? OK
          : fail(
              'refused',
              r.error === 'tooManyConnections'
                ? 'Too many connections'
                : 'Timed out waiting for a pooled connection (RDS Proxy)',
            ),
      ),
    );
  }

  reconfigure(config: ConfigReader): void {
    this.db.reconfigure(settings(config));
  }

  stats(): NodeStats {
    return { ...this.db.stats() };
  }
}

function settings(config: ConfigReader): AuroraConfig {
  return {
    maxConnections: config.num('maxConnections', 1000),
    queryLatency: config.dist('queryLatency', { kind: 'lognormal', mean: 4, cv: 0.3 }),
    contention: config.num('contention', 2),
    proxy: config.bool('proxy', false),
    borrowTimeoutMs: config.num('borrowTimeoutMs', 120_000),
    maxConnectionsPercent: config.num('maxConnectionsPercent', 100),
  };
}

/** The `aurora` kind. */
export const auroraKind: KindModule = {
  kind: 'aurora',
  narrate: narrateAurora,
  statKeys: [
    'active',
    'maxConnections',
    'poolSize',
    'waiting',
    'queries',
    'refused',
    'timedOut',
    'errors',
    'meanLatencyMs',
  ],
  create: (ctx) => new AuroraNode(ctx),
};
