import { ConfigReader, resolveConfig } from './config';
import type { GraphEdge, GraphNode, ParamValues, PatternDefinition } from './definition';
import type { NodeStats } from './kind';
import { PRICE_REGION, PRICES, PRICES_AS_OF, type Price, type PriceId } from './prices';

/** The month a bill covers: 30 days. */
export const SECONDS_PER_MONTH = 30 * 86_400;
/** Hours in that month, for what is billed by the hour. */
export const HOURS_PER_MONTH = SECONDS_PER_MONTH / 3600;

/** One line of the bill: what one node would cost a month for one thing AWS charges. */
export interface CostItem {
  /** The node it belongs to. */
  node: string;
  service: string;
  /** What is charged, e.g. "requests", "compute (128 MB, x86_64)", "ReceiveMessage requests". */
  item: string;
  /** How many `unit`s a month. */
  quantity: number;
  /** What `quantity` counts, plural: "requests", "GB-seconds", "instance-hours"... */
  unit: string;
  /** USD per `per` units (the first tier's, for a tiered price). */
  unitPriceUsd: number;
  per: number;
  /** USD a month (tiers applied). */
  monthlyUsd: number;
  /**
   * `rate`: the run's rate carried over a month (count ÷ simulated seconds × a month's seconds);
   * `fixed`: a month of something that runs whatever the traffic (an instance, provisioned
   * concurrency).
   */
  basis: 'rate' | 'fixed';
  /** The price's id in `prices.ts`, and where it comes from. */
  price: PriceId;
  source: string;
  /** Whether the price's AWS page was seen to state it (see `prices.ts`). */
  verified: boolean;
}

/** A pattern's monthly bill at the simulated rate (RunSummary's `cost`). */
export interface CostSummary {
  currency: 'USD';
  region: string;
  pricesAsOf: string;
  /** The simulated seconds the rates were measured over. */
  measuredS: number;
  /** USD a month, the items added up. */
  total: number;
  items: CostItem[];
}

/** What the bill is computed from: a run's summary (a `RunSummary` is one). */
export interface CostInput {
  /** Simulated seconds of the run: the counters' time span. */
  durationS: number;
  params: ParamValues;
  /** Stats by node id; a node that is not part of the run (its `visibleWhen` fails) is absent. */
  nodes: Record<string, NodeStats>;
  /** Per subscription or rule target (edge id). */
  edges?: Record<string, NodeStats>;
}

/** A live run (a `ScenarioRun`): its clock, parameters and stats. */
export interface CostRun {
  readonly now: number;
  readonly params: ParamValues;
  nodeStats(): Record<string, NodeStats>;
  readonly built: { edgeStats(): Record<string, NodeStats> };
}

/**
 * What `pattern` would cost a month on AWS if the traffic of the run went on at the rate seen:
 * for each node, the counters it reports (requests, API calls, execution time, deliveries...)
 * divided by the simulated seconds and multiplied by a 30-day month, times the price of each in
 * `prices.ts`; plus what is billed by the hour whatever the traffic (database and EC2 instances,
 * provisioned concurrency), for a whole month. Counters count the whole run, warm-up included.
 *
 * - Lambda: requests (`invocations`: each invocation, an SQS batch being one; throttled ones
 *   are not billed) and compute: `busyS` (execution time of every invocation added up, init
 *   included, i.e. mean concurrency × time) × memory (`memoryMb`, default 128) in GB-seconds,
 *   at the x86 or Arm price (`architecture`); provisioned concurrency for the month. Invocations
 *   that run on provisioned environments are billed at a lower duration price on AWS; here all
 *   duration is at the on-demand price (an overestimate when provisioned concurrency is used).
 * - API Gateway: requests sent on to an integration (`billedRequests`; throttled, unrouted and
 *   unauthorised requests are not billed), at the price of the node's `apiType` (default REST).
 * - SQS: SendMessage requests (`sent`), ReceiveMessage requests (`receiveRequests`: each call,
 *   however many messages it returns, empty long polls included), DeleteMessageBatch requests
 *   (`deleteRequests`: one per 10 entries). Messages are taken to be under 64 KB.
 * - SNS: publishes (`published`), and deliveries (each subscription's `delivered`) by protocol:
 *   free to SQS and Lambda, charged to email and HTTP/S. Retried attempts are not counted.
 * - EventBridge: events put on the bus (`events`; throttled ones are not billed); matching rules
 *   and invoking targets in the same account cost nothing more.
 * - EventBridge Pipes: records that passed the filters (`received` − `filtered`, every attempt),
 *   each taken as one request (under 64 KB); the enrichment and target bill as themselves.
 * - Step Functions: Standard workflows by state transitions (`stateTransitions`); Express ones
 *   (config `workflowType` "EXPRESS") by requests (`executions`) and duration (`busyS` × 64 MB).
 * - Aurora: one db.r6g.large instance for the month, or Serverless v2 at `serverlessV2Acu` ACUs
 *   (config); storage and I/O are left out.
 * - EC2: each instance (`instances` stat, or config `instances`, default 1) for the month, as an
 *   m5.large (a stopped consumer is billed as if running).
 *
 * Free tiers, data transfer, storage, CloudWatch and volume discounts beyond the first tier are
 * left out (see `prices.ts`).
 */
export function costOf(pattern: PatternDefinition, from: CostInput | CostRun): CostSummary {
  const input = 'durationS' in from ? from : inputOf(from);
  const measuredS = input.durationS;
  const perMonth = measuredS > 0 ? SECONDS_PER_MONTH / measuredS : 0;
  const items: CostItem[] = [];
  for (const node of pattern.nodes) {
    const stats = input.nodes[node.id];
    if (!stats) continue; // not part of this run
    const config = new ConfigReader(`node ${node.id}`, resolveConfig(node.config, input.params));
    const bill = new NodeBill(node.id, items, perMonth);
    switch (node.kind) {
      case 'lambda':
        lambdaBill(bill, stats, config);
        break;
      case 'apiGateway':
        bill.rate(
          config.str('apiType', 'REST') === 'HTTP' ? 'apiGatewayHttp' : 'apiGatewayRest',
          'requests',
          stats.billedRequests ?? (stats.requests ?? 0) - (stats.throttled ?? 0),
          'requests',
        );
        break;
      case 'sqs':
        bill.rate('sqsStandardRequests', 'SendMessage requests', stats.sent, 'requests');
        bill.rate(
          'sqsStandardRequests',
          'ReceiveMessage requests',
          stats.receiveRequests,
          'requests',
        );
        bill.rate(
          'sqsStandardRequests',
          'DeleteMessageBatch requests',
          stats.deleteRequests,
          'requests',
        );
        break;
      case 'sns':
        bill.rate('snsPublishes', 'publishes', stats.published, 'requests');
        snsDeliveries(bill, pattern, node, input);
        break;
      case 'eventBridge':
        bill.rate('eventBridgeCustomEvents', 'events', stats.events, 'events');
        break;
      case 'pipe':
        bill.rate(
          'pipesRequests',
          'requests',
          (stats.received ?? 0) - (stats.filtered ?? 0),
          'requests',
        );
        break;
      case 'stepFunctions':
        stepFunctionsBill(bill, stats, config);
        break;
      case 'aurora': {
        const acu = config.optNum('serverlessV2Acu');
        if (acu !== undefined)
          bill.fixed(
            'auroraServerlessV2',
            `Serverless v2, ${acu} ACU`,
            acu * HOURS_PER_MONTH,
            'ACU-hours',
          );
        else
          bill.fixed('auroraR6gLarge', 'db.r6g.large instance', HOURS_PER_MONTH, 'instance-hours');
        break;
      }
      case 'ec2': {
        const instances = stats.instances ?? config.num('instances', 1);
        bill.fixed(
          'ec2M5Large',
          `${instances} × m5.large`,
          instances * HOURS_PER_MONTH,
          'instance-hours',
        );
        break;
      }
      default:
        break; // users and mail servers are not AWS's to bill
    }
  }
  return {
    currency: 'USD',
    region: PRICE_REGION,
    pricesAsOf: PRICES_AS_OF,
    measuredS,
    total: round(
      items.reduce((sum, i) => sum + i.monthlyUsd, 0),
      4,
    ),
    items,
  };
}

/** The bill's lines for one node. */
class NodeBill {
  constructor(
    readonly node: string,
    private readonly items: CostItem[],
    /** Months per simulated second's worth of counts: a month's seconds ÷ simulated seconds. */
    private readonly perMonth: number,
  ) {}

  /** A count over the run, carried over a month at the run's rate. */
  rate(price: PriceId, item: string, count: number | undefined, unit: string): void {
    this.add(price, item, Math.max(0, count ?? 0) * this.perMonth, unit, 'rate');
  }

  /** A month's worth of something that runs whatever the traffic. */
  fixed(price: PriceId, item: string, quantity: number, unit: string): void {
    this.add(price, item, Math.max(0, quantity), unit, 'fixed');
  }

  private add(
    id: PriceId,
    item: string,
    quantity: number,
    unit: string,
    basis: CostItem['basis'],
  ): void {
    const price: Price = PRICES[id];
    this.items.push({
      node: this.node,
      service: price.service,
      item,
      quantity: round(quantity, 3),
      unit,
      unitPriceUsd: price.usd,
      per: price.per,
      monthlyUsd: round(charge(price, quantity), 4),
      basis,
      price: id,
      source: price.source,
      verified: price.verified,
    });
  }
}

function lambdaBill(bill: NodeBill, stats: NodeStats, config: ConfigReader): void {
  const memoryMb = config.num('memoryMb', 128);
  const arm = config.str('architecture', 'x86_64') === 'arm64';
  const gb = memoryMb / 1024;
  bill.rate('lambdaRequests', 'requests', stats.invocations, 'requests');
  bill.rate(
    arm ? 'lambdaComputeArm' : 'lambdaComputeX86',
    `compute (${memoryMb} MB, ${arm ? 'arm64' : 'x86_64'})`,
    (stats.busyS ?? 0) * gb,
    'GB-seconds',
  );
  const provisioned = stats.provisionedConcurrency ?? 0;
  if (provisioned > 0)
    bill.fixed(
      arm ? 'lambdaProvisionedArm' : 'lambdaProvisionedX86',
      `provisioned concurrency (${provisioned} × ${memoryMb} MB)`,
      provisioned * gb * SECONDS_PER_MONTH,
      'GB-seconds',
    );
}

function stepFunctionsBill(bill: NodeBill, stats: NodeStats, config: ConfigReader): void {
  if (config.str('workflowType', 'STANDARD').toUpperCase() === 'EXPRESS') {
    bill.rate('stepFunctionsExpressRequests', 'Express requests', stats.executions, 'requests');
    // Memory is billed in 64 MB chunks; a small workflow uses one.
    bill.rate(
      'stepFunctionsExpressDuration',
      'Express duration (64 MB)',
      (stats.busyS ?? 0) * (64 / 1024),
      'GB-seconds',
    );
    return;
  }
  bill.rate(
    'stepFunctionsStandardTransitions',
    'Standard state transitions',
    stats.stateTransitions,
    'state transitions',
  );
}

/** The price of an SNS delivery by subscription protocol. */
const DELIVERY_PRICE: Partial<Record<string, PriceId>> = {
  sqs: 'snsDeliverySqs',
  lambda: 'snsDeliveryLambda',
  email: 'snsDeliveryEmail',
  'email-json': 'snsDeliveryEmail',
  http: 'snsDeliveryHttp',
  https: 'snsDeliveryHttp',
};

/** The protocol of a subscription edge: its config's, else by its target's kind (as sns.ts). */
function protocolOf(edge: GraphEdge, pattern: PatternDefinition, params: ParamValues): string {
  const config = new ConfigReader(`edge ${edge.id}`, resolveConfig(edge.config, params));
  const target = pattern.nodes.find((n) => n.id === edge.target)?.kind;
  const byKind = target === 'sqs' || target === 'lambda' || target === 'email' ? target : 'https';
  return config.str('protocol', byKind);
}

/** One line per protocol: the deliveries of this topic's subscriptions that use it. */
function snsDeliveries(
  bill: NodeBill,
  pattern: PatternDefinition,
  node: GraphNode,
  input: CostInput,
): void {
  const byProtocol = new Map<string, number>();
  for (const edge of pattern.edges) {
    if (edge.source !== node.id || edge.kind !== 'subscription') continue;
    const counts = input.edges?.[edge.id];
    if (!counts) continue; // not part of this run
    const protocol = protocolOf(edge, pattern, input.params);
    byProtocol.set(protocol, (byProtocol.get(protocol) ?? 0) + (counts.delivered ?? 0));
  }
  for (const [protocol, delivered] of byProtocol) {
    const price = DELIVERY_PRICE[protocol];
    if (price) bill.rate(price, `deliveries (${protocol})`, delivered, 'deliveries');
  }
}

/** What `quantity` units cost a month, tiers applied. */
function charge(price: Price, quantity: number): number {
  if (!price.tiers) return (quantity / price.per) * price.usd;
  let usd = 0;
  let from = 0;
  for (const tier of price.tiers) {
    if (quantity <= from) break;
    const inTier = Math.min(quantity, tier.upTo) - from;
    usd += (inTier / price.per) * tier.usd;
    from = tier.upTo;
  }
  return usd;
}

function inputOf(run: CostRun): CostInput {
  return {
    durationS: run.now / 1000,
    params: run.params,
    nodes: run.nodeStats(),
    edges: run.built.edgeStats(),
  };
}

function round(x: number, digits: number): number {
  if (!Number.isFinite(x)) return 0;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
