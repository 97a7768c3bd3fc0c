import { describe, expect, it } from 'vitest';
import { apiGatewayMultiple } from '../api-gateway-multiple';
import { createRun, resolveParams, type Pattern } from '../index';
import { apiGatewaySingle } from './index';

const run = (pattern: Pattern, set: Record<string, string>, seconds: number, seed = 1) => {
  const { values, errors } = resolveParams(pattern, set);
  expect(errors).toEqual([]);
  const r = createRun(pattern, values, { seed });
  r.advanceTo(seconds * 1000);
  return r.summary();
};

const rate = (s: ReturnType<typeof run>, node: string, stat: string) =>
  (s.nodes[node]?.[stat] ?? 0) / Math.max(1, s.nodes[node]?.sent ?? 0);

describe('API gateways: one for all, or one per service', () => {
  const noisySales = { salesClientRate: '300', routeApiRate: '200', routeApiBurst: '100' };

  it("a burst on /sales throttles /sales alone, behind one gateway or several (a stage's limits apply per route)", () => {
    const calm = run(apiGatewaySingle, {}, 60);
    expect(rate(calm, 'customerClients', 'throttled')).toBe(0);
    const single = run(apiGatewaySingle, noisySales, 60);
    expect(single.edges.gatewayToCustomer?.throttled).toBe(0);
    expect(single.edges.gatewayToCommunication?.throttled).toBe(0);
    expect(single.edges.gatewayToSales?.throttled).toBeGreaterThan(1000);
    const multiple = run(apiGatewayMultiple, noisySales, 60);
    expect(multiple.nodes.customerApi?.throttled).toBe(0);
    expect(multiple.nodes.communicationApi?.throttled).toBe(0);
    expect(multiple.nodes.salesApi?.throttled).toBeGreaterThan(1000);
    // The same bucket, the same traffic: /sales refuses about as many requests either way.
    const a = single.edges.gatewayToSales?.throttled ?? 0;
    const b = multiple.nodes.salesApi?.throttled ?? 0;
    expect(Math.abs(a - b) / Math.max(a, b)).toBeLessThan(0.05);
  }, 60_000);

  it("every gateway of a run takes from the account's 10,000 requests a second (burst 5,000)", () => {
    const loud = {
      customerClientRate: '5000',
      salesClientRate: '5000',
      communicationClientRate: '5000',
      routeApiRate: '10000',
      routeApiBurst: '5000',
    };
    const seconds = 10;
    const s = run(apiGatewayMultiple, loud, seconds);
    const gateways = ['apiPayments', 'customerApi', 'salesApi', 'communicationApi'];
    const refused = gateways.map((g) => s.nodes[g]?.accountThrottled ?? 0);
    expect(refused.reduce((x, y) => x + y, 0)).toBeGreaterThan(1000);
    // Token bucket: what all of them let through is at most the burst plus the rate × time.
    const accepted = gateways
      .map((g) => (s.nodes[g]?.requests ?? 0) - (s.nodes[g]?.accountThrottled ?? 0))
      .reduce((x, y) => x + y, 0);
    expect(accepted).toBeLessThanOrEqual(5000 + 10_000 * seconds);
  }, 60_000);

  it('sequential calls add up; parallel ones take the slowest', () => {
    const slowSales = {
      salesDurationMs: '400',
      customerDurationMs: '40',
      communicationDurationMs: '40',
    };
    const seq = run(apiGatewayMultiple, slowSales, 60).flows.response!;
    const par = run(apiGatewayMultiple, { ...slowSales, callMode: 'parallel' }, 60).flows.response!;
    expect(seq.p50Ms).toBeGreaterThan(par.p50Ms + 60);
    expect(par.p50Ms).toBeGreaterThan(400);
  }, 60_000);

  it('a throttled call fails the payment with 429, or is skipped', () => {
    const fail = run(
      apiGatewayMultiple,
      { salesClientRate: '300', routeApiRate: '100', routeApiBurst: '50' },
      60,
    );
    expect(fail.nodes.user?.throttled).toBeGreaterThan(100);
    // Every 429 answer, the users' and the other clients', is a request lost to a throttle.
    const answered429 = ['user', 'customerClients', 'salesClients', 'communicationClients']
      .map((n) => fail.nodes[n]?.throttled ?? 0)
      .reduce((a, b) => a + b, 0);
    expect(fail.ledger.dropped.throttled).toBe(answered429);
    const skip = run(
      apiGatewayMultiple,
      { salesClientRate: '300', routeApiRate: '100', routeApiBurst: '50', onRouteFailure: 'skip' },
      60,
    );
    expect(skip.nodes.user?.throttled).toBe(0);
  }, 60_000);

  it('an integration slower than the timeout answers 504', () => {
    const s = run(apiGatewaySingle, { salesDurationMs: '3000', integrationTimeoutMs: '1000' }, 60);
    expect(s.edges.gatewayToSales?.timedOut).toBeGreaterThan(500);
    expect(s.nodes.user?.timedOut).toBeGreaterThan(500);
  }, 60_000);

  it('method throttling on /sales limits that route alone, even behind one gateway', () => {
    const s = run(
      apiGatewaySingle,
      { salesClientRate: '300', salesRouteRate: '100', salesRouteBurst: '50' },
      60,
    );
    expect(s.edges.gatewayToSales?.throttled).toBeGreaterThan(1000);
    expect(s.edges.gatewayToCustomer?.throttled).toBe(0);
    expect(s.nodes.gateway?.methodThrottled).toBe(s.edges.gatewayToSales?.throttled);
    expect(s.nodes.gateway?.stageThrottled).toBe(0);
  }, 60_000);

  describe('usage plans', () => {
    const noisy = {
      salesClientRate: '300',
      usagePlan: 'true',
      keyRateLimit: '100',
      keyBurst: '50',
    };

    it('off by default: no key is asked for, nothing is refused', () => {
      const s = run(apiGatewaySingle, {}, 20);
      expect(s.nodes.gateway).toMatchObject({ forbidden: 0, keyThrottled: 0, quotaExceeded: 0 });
    }, 60_000);

    it("per-key throttling: the noisy clients hit their own keys' limit, Payments does not", () => {
      const s = run(apiGatewaySingle, noisy, 60);
      const g = s.nodes.gateway!;
      // 300 req/s over one key allowed 100/s: about 200 a second refused, all of them /sales'.
      expect(g.keyThrottled).toBeGreaterThan(9000);
      // (A few 429s may still be on their way back when the run stops.)
      expect(g.keyThrottled! - s.nodes.salesClients!.throttled!).toBeLessThan(20);
      expect(s.nodes.user?.throttled).toBe(0);
      expect(g.stageThrottled).toBe(0);
      // Spread over four keys, the same clients fit (4 × 100/s > 300/s).
      const four = run(apiGatewaySingle, { ...noisy, apiKeys: '4' }, 60);
      expect(four.nodes.gateway?.keyThrottled).toBeLessThan(g.keyThrottled! / 20);
    }, 60_000);

    it('a key past its quota gets 429 "Limit Exceeded" for the rest of the period', () => {
      // Payments makes three calls per payment: 60 a second on its one key, 600 a day allowed.
      const s = run(apiGatewaySingle, { usagePlan: 'true', keyQuota: '600' }, 30);
      const g = s.nodes.gateway!;
      // The quota runs out after ten seconds; each payment then fails at its first call (20 a
      // second for the remaining 20 seconds).
      expect(g.quotaExceeded).toBeGreaterThan(350);
      expect(s.nodes.user?.throttled).toBeGreaterThan(350);
      // Not billed: only the 600 admitted requests reached a function.
      expect(g.billedRequests).toBe(600);
      const weekly = run(
        apiGatewaySingle,
        { usagePlan: 'true', keyQuota: '600', quotaPeriod: 'WEEK' },
        30,
      );
      expect(weekly.nodes.gateway?.quotaExceeded).toBe(g.quotaExceeded);
    }, 60_000);

    it('a request without a valid key is refused with 403', () => {
      const s = run(apiGatewaySingle, { usagePlan: 'true', missingKeyPercent: '10' }, 60);
      const g = s.nodes.gateway!;
      const sent =
        s.edges.gatewayToCustomer!.requests! +
        s.edges.gatewayToSales!.requests! +
        s.edges.gatewayToCommunication!.requests!;
      expect(g.forbidden! / sent).toBeGreaterThan(0.07);
      expect(g.forbidden! / sent).toBeLessThan(0.13);
      expect(g.clientErrors).toBe(g.forbidden);
      // Payments fails the payment with the call's status: the user sees 403s.
      expect(s.nodes.user?.clientErrors).toBeGreaterThan(0);
    }, 60_000);
  });

  it('per-route series read stats the routes report', () => {
    const { values } = resolveParams(apiGatewaySingle, {});
    const r = createRun(apiGatewaySingle, values, { seed: 1 });
    r.advanceTo(5_000);
    const edgeStats = r.built.edgeStats();
    for (const chart of apiGatewaySingle.charts)
      for (const series of chart.series)
        if ('edge' in series.source)
          expect(edgeStats[series.source.edge], series.id).toHaveProperty(series.source.stat);
  });
});
