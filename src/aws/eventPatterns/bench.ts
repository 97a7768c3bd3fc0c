/**
 * A deterministic micro-benchmark of pattern matching for the project bench: 20 realistic rules
 * against ~1 KB events. Pure: the caller supplies the clock, so nothing here reads wall time.
 * One "match" is one rule evaluated against one event.
 */
import { compileEventPattern, type EventMatcher } from './match';

/** What a benchmark run measured. */
export interface EventPatternBenchResult {
  /** Rule evaluations per second (the figure the project tracks). */
  matchesPerSecond: number;
  /** Events per second, each tested against every rule. */
  eventsPerSecond: number;
  rules: number;
  /** Average size of the events, as JSON bytes. */
  averageEventBytes: number;
  /** How many (rule, event) pairs matched, so the work cannot be optimised away. */
  hits: number;
  evaluations: number;
}

/** The 20 rules: the operators real rules use most, on top-level and nested fields. */
export const BENCH_RULES: readonly object[] = [
  {
    source: ['aws.ec2'],
    'detail-type': ['EC2 Instance State-change Notification'],
    detail: { state: ['running', 'stopped'] },
  },
  { source: ['com.shop.orders'], 'detail-type': ['OrderPlaced'] },
  { source: ['com.shop.orders'], detail: { total: [{ numeric: ['>', 100, '<=', 5000] }] } },
  { source: [{ prefix: 'com.shop.' }], detail: { customer: { tier: ['gold', 'platinum'] } } },
  { 'detail-type': ['OrderPlaced'], detail: { currency: [{ 'anything-but': ['USD', 'EUR'] }] } },
  {
    source: ['com.shop.payments'],
    detail: { status: ['FAILED'], attempts: [{ numeric: ['>=', 3] }] },
  },
  { detail: { shipping: { country: [{ 'equals-ignore-case': 'de' }] } } },
  { source: ['aws.s3'], detail: { object: { key: [{ suffix: '.png' }] } } },
  { source: ['aws.s3'], detail: { object: { key: [{ wildcard: 'uploads/*/raw/*.csv' }] } } },
  { detail: { clientIp: [{ cidr: '10.0.0.0/8' }] } },
  { detail: { items: { sku: [{ prefix: 'SKU-9' }] } } },
  { source: ['com.shop.orders'], detail: { coupon: [{ exists: false }] } },
  { source: ['com.shop.orders'], detail: { giftWrap: [true] } },
  { $or: [{ detail: { priority: ['high'] } }, { detail: { total: [{ numeric: ['>', 4000] }] } }] },
  { account: ['111122223333'], region: [{ prefix: 'eu-' }] },
  {
    source: ['com.shop.inventory'],
    'detail-type': ['StockLow'],
    detail: { quantity: [{ numeric: ['<', 5] }] },
  },
  { detail: { customer: { email: [{ suffix: { 'equals-ignore-case': '@example.com' } }] } } },
  { detail: { notes: [{ 'anything-but': { prefix: 'test' } }] } },
  { resources: [{ prefix: 'arn:aws:ec2:' }], detail: { state: [{ 'anything-but': 'pending' }] } },
  {
    source: ['com.shop.orders'],
    detail: { channel: ['web', 'mobile', 'partner'], total: [{ numeric: ['>', 0] }] },
  },
];

const SOURCES = ['com.shop.orders', 'com.shop.payments', 'aws.ec2', 'aws.s3', 'com.shop.inventory'];
const TYPES = [
  'OrderPlaced',
  'PaymentFailed',
  'EC2 Instance State-change Notification',
  'Object Created',
  'StockLow',
];

/** Builds the n-th benchmark event: an EventBridge envelope with a ~1 KB nested detail. */
export function benchEvent(n: number): object {
  const kind = n % SOURCES.length;
  return {
    version: '0',
    id: `6a7e8feb-b491-4cf7-a9f1-bf370346${String(7000 + n).padStart(4, '0')}`,
    'detail-type': TYPES[kind],
    source: SOURCES[kind],
    account: n % 3 === 0 ? '111122223333' : '444455556666',
    time: `2024-05-${String(1 + (n % 28)).padStart(2, '0')}T10:${String(n % 60).padStart(2, '0')}:00Z`,
    region: n % 2 ? 'eu-west-1' : 'us-east-1',
    resources: [
      `arn:aws:ec2:us-east-1:123456789012:instance/i-0${n.toString(16).padStart(8, '0')}`,
    ],
    detail: {
      orderId: `ord-${100000 + n}`,
      state: ['running', 'stopped', 'pending'][n % 3],
      status: n % 4 === 0 ? 'FAILED' : 'OK',
      attempts: n % 5,
      total: (n * 37) % 6000,
      currency: ['USD', 'EUR', 'GBP', 'JPY'][n % 4],
      priority: n % 7 === 0 ? 'high' : 'normal',
      channel: ['web', 'mobile', 'store'][n % 3],
      giftWrap: n % 2 === 0,
      clientIp: `${n % 2 ? 10 : 192}.${n % 256}.${(n * 7) % 256}.${(n * 13) % 256}`,
      notes: n % 6 === 0 ? 'test order' : 'leave at door',
      quantity: n % 9,
      customer: {
        id: `cus-${n}`,
        tier: ['bronze', 'silver', 'gold', 'platinum'][n % 4],
        email: `user${n}@${n % 2 ? 'Example.com' : 'mail.test'}`,
      },
      shipping: {
        country: ['DE', 'FR', 'US'][n % 3],
        city: 'Berlin',
        street: 'Unter den Linden 1',
        postcode: '10117',
      },
      object: { key: `uploads/${n}/raw/data-${n}.${n % 2 ? 'csv' : 'png'}`, size: 1024 * n },
      items: [
        { sku: `SKU-${9000 + (n % 20)}`, qty: 1 + (n % 3), price: 19.99 },
        { sku: `SKU-${1000 + n}`, qty: 2, price: 5.5 },
      ],
      tags: ['priority', 'fragile', `batch-${n % 10}`],
      description:
        'Two items, paid by card, to be delivered in the afternoon; customer asked for a call.',
      ...(n % 5 === 0 ? { coupon: 'SPRING' } : {}),
    },
  };
}

/**
 * Runs the benchmark for about `durationMs` of the supplied clock (milliseconds) and reports
 * throughput. Deterministic inputs; only the timing depends on the machine.
 */
export function runEventPatternBenchmark(
  now: () => number,
  durationMs = 300,
): EventPatternBenchResult {
  const matchers: EventMatcher[] = BENCH_RULES.map((r) => compileEventPattern(r));
  const events = Array.from({ length: 64 }, (_, i) => benchEvent(i));
  const averageEventBytes =
    events.reduce((sum, e) => sum + JSON.stringify(e).length, 0) / events.length;
  // Warm up so the JIT has compiled the hot paths before timing starts.
  let hits = 0;
  for (let round = 0; round < 200; round++) {
    for (const e of events) for (const m of matchers) if (m(e)) hits++;
  }
  hits = 0;
  let evaluations = 0;
  const start = now();
  let elapsed: number;
  do {
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as object;
      for (let j = 0; j < matchers.length; j++) if ((matchers[j] as EventMatcher)(e)) hits++;
    }
    evaluations += events.length * matchers.length;
    elapsed = now() - start;
  } while (elapsed < durationMs);
  const seconds = Math.max(elapsed, 1e-6) / 1000;
  return {
    matchesPerSecond: evaluations / seconds,
    eventsPerSecond: evaluations / matchers.length / seconds,
    rules: matchers.length,
    averageEventBytes,
    hits,
    evaluations,
  };
}

/** Rule evaluations per second on 20 rules and ~1 KB events, timed with the caller's clock. */
export function benchEventPatternMatching(now: () => number, durationMs = 300): number {
  return runEventPatternBenchmark(now, durationMs).matchesPerSecond;
}
