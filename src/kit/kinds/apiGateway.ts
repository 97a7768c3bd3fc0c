import { ApiGateway, type HttpStatus } from '../../aws';
import type { ConfigReader } from '../config';
import type { KindModule, NodeContext, NodeInstance, NodeStats } from '../kind';
import type { Link } from '../link';
import type { Reply, Result, Trace } from '../messages';

/**
 * API Gateway in front of one Lambda proxy integration (the kind's first outgoing sync edge). The
 * model throttles (429) and times out (504); this node maps the integration's outcome to the
 * status AWS answers: the function's own status; 500 when Lambda throttled the invocation; 502
 * when the function failed or timed out.
 * See https://docs.aws.amazon.com/apigateway/latest/developerguide/handle-errors-in-lambda-integration.html
 *
 * Config: `rateLimitPerS`, `burst`, `integrationTimeoutMs`, `overhead` (distribution, ms each way).
 */
class ApiGatewayNode implements NodeInstance {
  private readonly api: ApiGateway;

  constructor(private readonly ctx: NodeContext) {
    this.api = new ApiGateway(ctx.world, ctx.rng, settings(ctx.config));
  }

  accept(trace: Trace, reply: Reply): void {
    const integration = this.ctx.runtime.out.find((l) => l.edge.kind === 'sync');
    let outcome: Result | undefined;
    this.api.handle(
      (answer) => {
        if (!integration) {
          outcome = { ok: false, error: 'notFound', status: 404, atGateway: true };
          answer(404 as HttpStatus);
          return;
        }
        (integration as Link).call(trace, (r) => {
          outcome = r;
          answer(proxyStatus(r));
        });
      },
      (status) => {
        if (status === 429)
          reply({
            ok: false,
            error: 'throttled',
            status,
            atGateway: true,
            message: 'Too Many Requests',
          });
        else if (status === 504)
          reply({ ok: false, error: 'timeout', status, message: 'Endpoint request timed out' });
        else if (outcome && outcome.ok) reply({ ...outcome, status });
        else if (outcome) reply({ ...outcome, status });
        else reply({ ok: false, error: 'error', status });
      },
    );
  }

  reconfigure(config: ConfigReader): void {
    const { overhead, ...limits } = settings(config);
    this.api.reconfigure(limits);
    this.api.config.overhead = overhead; // read at each request
  }

  stats(): NodeStats {
    return this.api.stats();
  }
}

function settings(config: ConfigReader) {
  return {
    rateLimitPerS: config.num('rateLimitPerS', 10_000),
    burst: config.num('burst', 5_000),
    integrationTimeoutMs: config.num('integrationTimeoutMs', 29_000),
    overhead: config.dist('overhead', { kind: 'lognormal', mean: 3, cv: 0.3 }),
  };
}

/** What API Gateway answers for a Lambda proxy integration's result. */
function proxyStatus(r: Result): HttpStatus {
  if (r.ok) return (r.status ?? 200) as HttpStatus;
  if (r.status) return r.status as HttpStatus;
  return r.error === 'throttled' ? 500 : 502;
}

/** The `apiGateway` kind. */
export const apiGatewayKind: KindModule = {
  kind: 'apiGateway',
  statKeys: ['requests', 'throttled', 'timedOut', 'errors', 'tokens', 'burst'],
  create: (ctx) => new ApiGatewayNode(ctx),
};
