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

  it('one gateway: a burst on /sales raises the 429s of /customer too (one shared bucket)', () => {
    const calm = run(apiGatewaySingle, {}, 60);
    const noisy = run(apiGatewaySingle, noisySales, 60);
    expect(rate(calm, 'customerClients', 'throttled')).toBe(0);
    expect(noisy.edges.gatewayToCustomer?.throttled).toBeGreaterThan(0);
    expect(noisy.nodes.user?.throttled).toBeGreaterThan(100);
  }, 60_000);

  it('one gateway per service: the same burst leaves /customer alone', () => {
    const noisy = run(apiGatewayMultiple, noisySales, 60);
    expect(noisy.nodes.customerApi?.throttled).toBe(0);
    expect(noisy.nodes.communicationApi?.throttled).toBe(0);
    expect(noisy.nodes.salesApi?.throttled).toBeGreaterThan(1000);
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
});
