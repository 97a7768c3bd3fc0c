/**
 * With every duration constant (zero spread), the caller's latency is exactly what the hops add
 * up to: the sum of the three calls when Payments makes them one after another, the slowest when
 * it makes them at once. The expected figures are computed here from the configured numbers, edge
 * by edge, not read from a run.
 */
import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode, Pattern } from '../../kit';
import { apiGatewaySingle } from '../api-gateway-single';
import { createRun, resolveParams } from '../index';
import { SERVICES, type ServiceId } from '../apiGatewayShared';
import { apiGatewayMultiple } from './index';

/** Each edge's one-way network time (ms): distinct values, so a hop counted twice or missed shows. */
function edgeLatency(edges: readonly GraphEdge[]): Record<string, number> {
  return Object.fromEntries(edges.map((e, i) => [e.id, 1 + i * 0.25]));
}

const GATEWAY_OVERHEAD_MS = 3; // each way
const PAYMENTS_MS = 11;
const SERVICE_MS: Record<ServiceId, number> = { customer: 40, sales: 95, communication: 17 };
const QUERY_MS = 6;

/** The pattern with every distribution made constant (no cold start, no contention either). */
function constant(pattern: Pattern): Pattern {
  const lat = edgeLatency(pattern.edges);
  const nodes = pattern.nodes.map((n): GraphNode => {
    const config = { ...(n.config ?? {}) };
    if (n.kind === 'apiGateway') config.overhead = { kind: 'constant', value: GATEWAY_OVERHEAD_MS };
    if (n.kind === 'lambda') {
      config.coldStart = { kind: 'constant', value: 0 };
      const service = SERVICES.find((s) => s.id === n.id);
      config.duration = {
        kind: 'constant',
        value: service ? SERVICE_MS[service.id] : PAYMENTS_MS,
      };
    }
    if (n.kind === 'aurora') {
      config.queryLatency = { kind: 'constant', value: QUERY_MS };
      config.contention = 0;
    }
    return { ...n, config };
  });
  const edges = pattern.edges.map((e): GraphEdge => ({
    ...e,
    latency: { kind: 'constant', value: lat[e.id] as number },
  }));
  return { ...pattern, nodes, edges };
}

/** The edges one call of Payments to a route crosses, in each pattern. */
const ROUTE_EDGES: Record<string, (id: ServiceId) => { call: string; route: string }> = {
  'api-gateway-single': (id) => ({
    call: 'paymentsToGateway',
    route: `gatewayTo${id.charAt(0).toUpperCase()}${id.slice(1)}`,
  }),
  'api-gateway-multiple': (id) => {
    const cap = id.charAt(0).toUpperCase() + id.slice(1);
    return { call: `paymentsTo${cap}Api`, route: `${id}ApiTo${cap}` };
  },
};

/** One route as Payments sees it: there and back over each edge, the gateway both ways, the work. */
function routeMs(pattern: Pattern, id: ServiceId): number {
  const lat = edgeLatency(pattern.edges);
  const { call, route } = ROUTE_EDGES[pattern.id]!(id);
  const store = lat[`${id}ToStore`] as number;
  // The databases answer after the query; SNS answers a publish at once.
  const storeWork = id === 'communication' ? 0 : QUERY_MS;
  return (
    2 * (lat[call] as number) +
    2 * GATEWAY_OVERHEAD_MS +
    2 * (lat[route] as number) +
    SERVICE_MS[id] +
    2 * store +
    storeWork
  );
}

/** The user's response: the front (user, /payments, Payments' own work) plus the three routes. */
function expectedResponseMs(pattern: Pattern, mode: 'sequential' | 'parallel'): number {
  const lat = edgeLatency(pattern.edges);
  const front =
    2 * (lat.userToApi as number) +
    2 * GATEWAY_OVERHEAD_MS +
    2 * (lat.apiToPayments as number) +
    PAYMENTS_MS;
  const routes = SERVICES.map((s) => routeMs(pattern, s.id));
  return front + (mode === 'sequential' ? routes.reduce((a, b) => a + b, 0) : Math.max(...routes));
}

describe.each([apiGatewaySingle, apiGatewayMultiple])('$id with constant durations', (base) => {
  const pattern = constant(base);
  it.each(['sequential', 'parallel'] as const)(
    '%s: every user response takes exactly the hops added up',
    (mode) => {
      const { values, errors } = resolveParams(pattern, { callMode: mode, paymentRate: '20' });
      expect(errors).toEqual([]);
      const run = createRun(pattern, values, { seed: 5, recordHops: true });
      run.advanceTo(30_000);
      const expected = expectedResponseMs(pattern, mode);
      const traces = run.world.spans.recent(200, 'user');
      expect(traces.length).toBeGreaterThan(50);
      for (const t of traces) {
        expect(t.status).toBe(200);
        expect(t.endMs - t.startMs).toBeCloseTo(expected, 9);
      }
      const summary = run.summary();
      expect(summary.flows.response!.meanMs).toBeCloseTo(expected, 3);
      for (const s of SERVICES)
        expect(summary.flows[`${s.id}Route`]!.meanMs).toBeCloseTo(routeMs(pattern, s.id), 3);
      // Parallel is the slowest route, sequential their sum: the two differ by the other two.
      if (mode === 'parallel')
        expect(expected).toBeLessThan(expectedResponseMs(pattern, 'sequential'));
    },
    30_000,
  );

  it('a slow integration is answered 504 exactly at the configured timeout', () => {
    // Every gateway has this timeout; Payments, waiting for its three calls, takes longer than it
    // behind the front gateway, so the user gets 504 from there.
    const timeoutMs = 90;
    expect(expectedResponseMs(pattern, 'sequential')).toBeGreaterThan(timeoutMs + 50);
    const { values } = resolveParams(pattern, { integrationTimeoutMs: String(timeoutMs) });
    const run = createRun(pattern, values, { seed: 5, recordHops: true });
    run.advanceTo(10_000);
    const lat = edgeLatency(pattern.edges);
    const traces = run.world.spans.recent(50, 'user');
    expect(traces.length).toBeGreaterThan(10);
    for (const t of traces) {
      expect(t.status).toBe(504);
      // There, the gateway's way in, the timeout, its way out, and back.
      expect(t.endMs - t.startMs).toBeCloseTo(
        2 * (lat.userToApi as number) + 2 * GATEWAY_OVERHEAD_MS + timeoutMs,
        9,
      );
    }
    expect(run.summary().nodes.user?.timedOut).toBeGreaterThan(100);
  });

  it('the waterfall nests each call under its caller', () => {
    const { values } = resolveParams(pattern, { callMode: 'parallel' });
    const run = createRun(pattern, values, { seed: 5, recordHops: true });
    run.advanceTo(10_000);
    const trace = run.world.spans.recent(1, 'user')[0]!;
    const spans = trace.spans;
    const byEdge = (id: string) => spans.filter((s) => s.edgeId === id);
    expect(spans[0]!.edgeId).toBe('userToApi');
    expect(spans[0]!.parent).toBe(-1);
    expect(byEdge('apiToPayments')[0]!.parent).toBe(0);
    for (const s of SERVICES) {
      const { call, route } = ROUTE_EDGES[pattern.id]!(s.id);
      const caller = spans.find((x) => x.edgeId === call && x.path === s.path)!;
      const routed = spans.find((x) => x.edgeId === route)!;
      // The gateway's call to the function hangs under Payments' call for the same path.
      expect(spans[routed.parent]).toBe(caller);
      expect(spans[caller.parent]!.edgeId).toBe('apiToPayments');
      expect(routed.startMs).toBeGreaterThanOrEqual(caller.startMs);
      expect(routed.endMs).toBeLessThanOrEqual(caller.endMs);
    }
  });
});
