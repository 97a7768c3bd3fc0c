import {
  AuroraDatabase,
  ApiGateway,
  LambdaFunction,
  SqsEventSource,
  SqsQueue,
  TrafficSource,
  type ArrivalPattern,
  type HttpStatus,
  type Invocation,
  type InvocationResult,
  type Received,
} from '../../aws';
import {
  FlowLatency,
  HopKind,
  meanOf,
  sample,
  type Counter,
  type DropReason,
  type Distribution,
  type World,
} from '../../engine';
import { bool, num, str } from '../params';
import type { BuiltScenario, ParamValues } from '../types';
import { EDGE, NODE } from './graph';

/** One payment: the business message whose fate the ledger tracks. */
interface Payment {
  id: number;
  createdAt: number;
  /** Set once the ledger has its fate; later events of a timed-out path are ignored. */
  ended: boolean;
  /** Set when the sales database first has it (a retried batch may write it again). */
  recorded: boolean;
}

const lognormal = (mean: number, cv = 0.3): Distribution => ({ kind: 'lognormal', mean, cv });
/** User ↔ API Gateway over the internet, and calls inside the Region. */
const INTERNET = lognormal(25);
const IN_REGION = lognormal(1.5);
/** SendMessage / ReceiveMessage / DeleteMessageBatch round trips. */
const SQS_API_MS = 8;
/** Mean query time of both Aurora databases when idle. */
const DB_QUERY_MS = 4;
const DAY_MS = 86_400_000;

/** Wires the pattern's models on `world` from the parameter values. */
export function buildMessageDecoupling(world: World, p: ParamValues): BuiltScenario {
  const { sim, ledger, hops } = world;
  const rng = sim.rng;
  const netRng = rng.split('network');
  const withoutQueue = bool(p, 'withoutQueue');
  // Settings read at each use, so that `update` can change them mid-run.
  let live = settingsFrom(p);
  let current = p;
  const params = (): ParamValues => current;
  const coldStart = live.coldStart;

  const responseFlow = new FlowLatency();
  const paymentFlow = new FlowLatency();
  const user = {
    sent: { value: 0 },
    ok: { value: 0 },
    errors: { value: 0 },
    throttled: { value: 0 },
    timedOut: { value: 0 },
    throttledByGateway: { value: 0 },
  };
  const recorded: Counter = { value: 0 };
  const salesWrites: Counter = { value: 0 };

  /** Records a hop along `edge` and returns its travel time. */
  const hop = (
    id: number,
    edge: string,
    dist: Distribution,
    kind = HopKind.Normal,
    reverse = false,
  ): number => {
    const ms = sample(dist, netRng);
    hops.record(id, edge, sim.now, sim.now + ms, kind, reverse);
    return ms;
  };
  const end = (pay: Payment, fate: 'complete' | DropReason): void => {
    if (pay.ended) return;
    pay.ended = true;
    if (fate === 'complete') {
      ledger.complete(pay.id);
    } else {
      ledger.drop(pay.id, fate);
    }
  };
  const failureReason = (r: InvocationResult): DropReason =>
    r.ok
      ? 'error'
      : r.error === 'throttled'
        ? 'throttled'
        : r.error === 'timeout'
          ? 'timedOut'
          : 'error';

  const customerDb = new AuroraDatabase(world, rng.split(NODE.customerDb), {
    maxConnections: 1000,
    queryLatency: lognormal(DB_QUERY_MS),
    contention: 2,
    connectionWaitTimeoutMs: 5000,
  });
  const salesDb = new AuroraDatabase(world, rng.split(NODE.salesDb), {
    maxConnections: num(p, 'dbConnections'),
    queryLatency: lognormal(DB_QUERY_MS),
    contention: 2,
    connectionWaitTimeoutMs: 5000,
  });

  /** Sales' work on one transaction: compute, maybe fail, then write the sales database. */
  const processOne = (
    pay: Payment,
    salesRng: LambdaFunction<never>['rng'],
    invocation: Invocation,
    done: (ok: boolean) => void,
  ): void => {
    sim.schedule(
      sample(live.salesDuration, salesRng),
      () => {
        if (!invocation.alive) return; // timed out: AWS stopped the function
        if (salesRng.chance(live.salesErrorRate)) {
          done(false);
          return;
        }
        hop(pay.id, EDGE.salesDb, IN_REGION, HopKind.Success);
        salesDb.query((ok) => {
          // The database commits a query it received, even if the function has since timed out.
          if (ok) {
            salesWrites.value++;
            if (!pay.recorded) {
              pay.recorded = true;
              recorded.value++;
              paymentFlow.record(sim.now - pay.createdAt);
            }
          }
          if (invocation.alive) done(ok);
        });
      },
      undefined,
    );
  };
  const salesLimits = { coldStart, timeoutMs: 15_000, keepWarmMs: 600_000, scaleLimitPer10s: 1000 };

  // --- The Sales side: an SQS queue polled by Lambda, or a function called synchronously. ---
  const dlq = new SqsQueue<Payment>(world, 'Sales-DLQ', {
    visibilityTimeoutMs: 30_000,
    retentionMs: 14 * DAY_MS,
    isDeadLetterQueue: true,
  });
  const queue = new SqsQueue<Payment>(world, 'Sales', {
    visibilityTimeoutMs: num(p, 'visibilityTimeoutS') * 1000,
    retentionMs: 4 * DAY_MS,
    maxReceiveCount: num(p, 'maxReceiveCount'),
    deadLetterQueue: dlq,
    dlqEdgeId: EDGE.queueDlq,
  });
  const salesBatch = new LambdaFunction<Received<Payment>[]>(
    world,
    rng.split(NODE.sales),
    { concurrencyLimit: 1000, ...salesLimits },
    (batch, done, invocation) => {
      // Messages are handled in order; the first failure fails the whole invocation.
      const next = (i: number): void => {
        const r = batch[i];
        if (!r) return done({ ok: true });
        processOne(r.message.body, salesBatch.rng, invocation, (ok) =>
          ok ? next(i + 1) : done({ ok: false, error: 'error', message: 'transaction failed' }),
        );
      };
      next(0);
    },
  );
  const salesSync = new LambdaFunction<Payment>(
    world,
    rng.split(NODE.sales),
    { concurrencyLimit: num(p, 'salesConcurrency'), ...salesLimits },
    (pay, done, invocation) =>
      processOne(pay, salesSync.rng, invocation, (ok) =>
        done(ok ? { ok: true } : { ok: false, error: 'error', message: 'transaction failed' }),
      ),
  );
  const sales = withoutQueue ? salesSync : salesBatch;
  const mapping = new SqsEventSource<Payment>(
    world,
    queue,
    salesBatch,
    {
      batchSize: num(p, 'batchSize'),
      batchWindowMs: num(p, 'batchWindowS') * 1000,
      maxConcurrency: num(p, 'salesConcurrency'),
      initialPollers: 5,
      scaleUpPerMinute: 300,
      maxPollers: 1000,
      edgeId: EDGE.queueSales,
      apiLatencyMs: SQS_API_MS,
    },
    (r) => end(r.message.body, 'complete'),
  );
  if (!withoutQueue) mapping.start();

  // --- The Customer function: write the customer DB, then hand the transaction on. ---
  const customer = new LambdaFunction<Payment>(
    world,
    rng.split(NODE.customer),
    {
      concurrencyLimit: 1000,
      coldStart,
      timeoutMs: 30_000,
      keepWarmMs: 600_000,
      scaleLimitPer10s: 1000,
    },
    (pay, done, invocation) => {
      sim.schedule(
        sample(live.customerDuration, customer.rng),
        () => {
          if (!invocation.alive) return;
          hop(pay.id, EDGE.customerDb, IN_REGION);
          customerDb.query((ok) => {
            if (!ok)
              return done({ ok: false, error: 'error', message: 'customer database unavailable' });
            if (!invocation.alive || pay.ended) return;
            if (!withoutQueue) {
              const ms = hop(pay.id, EDGE.customerQueue, IN_REGION) + SQS_API_MS;
              sim.schedule(
                ms,
                () => {
                  if (!invocation.alive || pay.ended) return;
                  queue.send(pay.id, pay);
                  done({ ok: true });
                },
                undefined,
              );
              return;
            }
            const ms = hop(pay.id, EDGE.customerSales, IN_REGION);
            sim.schedule(
              ms,
              () =>
                salesSync.invoke(pay, (result) => {
                  hop(
                    pay.id,
                    EDGE.customerSales,
                    IN_REGION,
                    result.ok ? HopKind.Success : HopKind.Failure,
                    true,
                  );
                  // The payment's fate is Sales' outcome; Customer then answers the user with it:
                  // it catches Sales' TooManyRequestsException and returns a 429 proxy response,
                  // and lets any other failure propagate (API Gateway then answers 502).
                  end(pay, result.ok ? 'complete' : failureReason(result));
                  if (result.ok) done({ ok: true, status: 200 });
                  else if (result.error === 'throttled') done({ ok: true, status: 429 });
                  else done({ ok: false, error: 'error', message: result.message });
                }),
              undefined,
            );
          });
        },
        undefined,
      );
    },
  );

  // --- The front door: API Gateway "/payments", and the users. ---
  const api = new ApiGateway(world, rng.split(NODE.api), {
    rateLimitPerS: num(p, 'apiRateLimit'),
    burst: num(p, 'apiBurst'),
    integrationTimeoutMs: num(p, 'integrationTimeoutMs'),
    overhead: lognormal(3),
  });

  const respond = (pay: Payment, status: HttpStatus, integrated: boolean): void => {
    const ms = hop(
      pay.id,
      EDGE.userApi,
      INTERNET,
      status < 300 ? HopKind.Success : HopKind.Failure,
      true,
    );
    sim.schedule(
      ms,
      () => {
        responseFlow.record(sim.now - pay.createdAt);
        if (status < 300) user.ok.value++;
        else if (status === 429 && !integrated) {
          user.throttled.value++;
          user.throttledByGateway.value++;
        } else if (status === 429) user.throttled.value++;
        else if (status === 504) user.timedOut.value++;
        else user.errors.value++;
      },
      undefined,
    );
  };

  const traffic = new TrafficSource(world, rng.split(NODE.user), live.traffic, () => {
    const pay: Payment = { id: ledger.create(), createdAt: sim.now, ended: false, recorded: false };
    user.sent.value++;
    let integrated = false;
    sim.schedule(
      hop(pay.id, EDGE.userApi, INTERNET),
      () =>
        api.handle(
          (answer) => {
            integrated = true;
            hop(pay.id, EDGE.apiCustomer, IN_REGION);
            customer.invoke(pay, (result) => {
              hop(
                pay.id,
                EDGE.apiCustomer,
                IN_REGION,
                result.ok ? HopKind.Success : HopKind.Failure,
                true,
              );
              if (!result.ok) end(pay, failureReason(result));
              answer(proxyStatus(result, withoutQueue ? 200 : 202));
            });
          },
          (status) => {
            // Refused by the gateway's token bucket: the payment never got in.
            if (!integrated) end(pay, 'throttled');
            respond(pay, status, integrated);
          },
        ),
      undefined,
    );
  });
  traffic.start();

  // --- Time series for the charts. ---
  const s = world.sampler;
  s.add({ id: 'rateIn', label: 'Payments in', unit: 'msg/s', read: s.rate(user.sent) });
  s.add({ id: 'rateOut', label: 'Recorded in sales DB', unit: 'msg/s', read: s.rate(recorded) });
  s.add({
    id: 'backlog',
    label: 'Visible messages',
    unit: 'messages',
    read: () => queue.visibleNow,
  });
  s.add({
    id: 'inFlight',
    label: 'In-flight messages',
    unit: 'messages',
    read: () => queue.inFlight,
  });
  s.add({
    id: 'oldestAgeS',
    label: 'Age of oldest message',
    unit: 's',
    read: () => queue.oldestAgeMs() / 1000,
  });
  s.add({
    id: 'responseP50',
    label: 'Response p50',
    unit: 'ms',
    read: s.flowPercentile(responseFlow, 0.5),
  });
  s.add({
    id: 'responseP95',
    label: 'Response p95',
    unit: 'ms',
    read: s.flowPercentile(responseFlow, 0.95),
  });
  s.add({
    id: 'responseP99',
    label: 'Response p99',
    unit: 'ms',
    read: s.flowPercentile(responseFlow, 0.99),
  });
  s.add({ id: 'salesErrors', label: 'Sales errors', unit: '/s', read: s.rate(sales.errors) });
  const userErrors: Counter = {
    get value() {
      return user.errors.value + user.timedOut.value;
    },
  };
  s.add({ id: 'userErrors', label: 'User errors (5xx)', unit: '/s', read: s.rate(userErrors) });
  s.add({ id: 'throttles', label: '429 responses', unit: '/s', read: s.rate(user.throttled) });
  let lostBefore = 0;
  s.add({
    id: 'lost',
    label: 'Payments lost',
    unit: '/s',
    read: () => {
      const dropped = Object.values(ledger.summary().dropped).reduce((a, b) => a + (b ?? 0), 0);
      const rate = ((dropped - lostBefore) * 1000) / s.intervalMs;
      lostBefore = dropped;
      return rate;
    },
  });
  s.add({ id: 'dlqDepth', label: 'Messages in DLQ', unit: 'messages', read: () => dlq.visibleNow });

  const update = (next: ParamValues): boolean => {
    if (bool(next, 'withoutQueue') !== withoutQueue) return false;
    const before = live;
    live = settingsFrom(next);
    current = next;
    if (
      live.traffic.ratePerS !== before.traffic.ratePerS ||
      live.traffic.pattern !== before.traffic.pattern
    )
      traffic.reconfigure(live.traffic);
    for (const fn of [customer, salesBatch, salesSync])
      fn.reconfigure({ coldStart: live.coldStart });
    salesSync.reconfigure({ concurrencyLimit: num(next, 'salesConcurrency') });
    mapping.reconfigure({
      batchSize: num(next, 'batchSize'),
      batchWindowMs: num(next, 'batchWindowS') * 1000,
      maxConcurrency: num(next, 'salesConcurrency'),
    });
    queue.reconfigure({
      visibilityTimeoutMs: num(next, 'visibilityTimeoutS') * 1000,
      maxReceiveCount: num(next, 'maxReceiveCount'),
    });
    api.reconfigure({
      rateLimitPerS: num(next, 'apiRateLimit'),
      burst: num(next, 'apiBurst'),
      integrationTimeoutMs: num(next, 'integrationTimeoutMs'),
    });
    salesDb.setMaxConnections(num(next, 'dbConnections'));
    return true;
  };

  /** Transactions recorded per second, averaged over the last 10 samples. */
  const recentRate = (): number => {
    const series = world.sampler.values('rateOut');
    if (!series || series.length === 0) return 0;
    const n = Math.min(10, series.length);
    let sum = 0;
    for (let i = series.length - n; i < series.length; i++) sum += series.get(i);
    return sum / n;
  };

  return {
    update,
    flows: { response: responseFlow, payment: paymentFlow },
    nodeStats: () => ({
      [NODE.user]: {
        sent: user.sent.value,
        ok: user.ok.value,
        errors: user.errors.value,
        throttled: user.throttled.value,
        timedOut: user.timedOut.value,
        throttledByGateway: user.throttledByGateway.value,
      },
      [NODE.api]: api.stats(),
      [NODE.customer]: customer.stats(),
      [NODE.customerDb]: customerDb.stats(),
      [NODE.queue]: { ...queue.stats(), ...mapping.stats() },
      [NODE.dlq]: dlq.stats(),
      // With the queue, the mapping's MaximumConcurrency is what limits Sales.
      [NODE.sales]: {
        ...sales.stats(),
        ...(withoutQueue ? {} : { concurrencyLimit: mapping.cap }),
        writes: salesWrites.value,
        outPerS: round1(recentRate()),
        capacityPerS: round1(
          salesCapacityPerS(
            live,
            withoutQueue,
            num(params(), 'salesConcurrency'),
            mapping.effectiveBatchSize,
          ),
        ),
      },
      [NODE.salesDb]: salesDb.stats(),
    }),
  };
}

/** The distributions and rates derived from parameter values. */
function settingsFrom(p: ParamValues) {
  return {
    traffic: {
      pattern: str(p, 'arrivalPattern') as ArrivalPattern,
      ratePerS: num(p, 'paymentRate'),
    },
    salesErrorRate: num(p, 'salesErrorRate') / 100,
    salesDuration: lognormal(num(p, 'salesDurationMs'), 0.5),
    customerDuration: lognormal(num(p, 'customerDurationMs'), 0.5),
    coldStart: lognormal(num(p, 'coldStartMs'), 0.2),
  };
}

/**
 * What API Gateway answers for a Lambda proxy integration's outcome: the function's own status;
 * 500 when Lambda throttled the invocation (API Gateway's "Internal server error"); 502 when the
 * function failed or timed out. (504 is the gateway's own integration timeout, and 429 its own
 * throttle, both in ApiGateway.)
 */
function proxyStatus(result: InvocationResult, okStatus: HttpStatus): HttpStatus {
  if (result.ok) return (result.status as HttpStatus | undefined) ?? okStatus;
  return result.error === 'throttled' ? 500 : 502;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * What Sales can record per second with the current settings when nothing fails: concurrency ×
 * messages per invocation / time per invocation. An invocation handles its messages one after the
 * other (duration + a sales-DB write each); with the queue, each batch also pays a receive, an
 * invoke and a delete.
 */
function salesCapacityPerS(
  live: ReturnType<typeof settingsFrom>,
  withoutQueue: boolean,
  concurrency: number,
  batchSize: number,
): number {
  const perMessageMs = meanOf(live.salesDuration) + DB_QUERY_MS;
  if (withoutQueue) return (concurrency * 1000) / (perMessageMs + 2 * meanOf(IN_REGION));
  return (concurrency * batchSize * 1000) / (batchSize * perMessageMs + 3 * SQS_API_MS);
}
