import { describe, expect, it } from 'vitest';
import { World } from '../engine';
import {
  assemble,
  checkDefinition,
  resolveValue,
  type GraphEdge,
  type GraphNode,
  type HandlerMap,
  type ParamValues,
  type PatternDefinition,
} from './index';

/** A small definition built in the test: users → gateway → function, plus what a test adds. */
function definition(nodes: GraphNode[], edges: GraphEdge[]): PatternDefinition {
  return {
    id: 'kit-test',
    title: 'Kit test',
    seedDiagram: 'none',
    nodes: [
      {
        id: 'user',
        kind: 'user',
        label: 'User',
        position: { x: 0, y: 0 },
        config: { pattern: 'constant', ratePerS: { $param: 'rate' } },
      },
      {
        id: 'api',
        kind: 'apiGateway',
        label: 'API',
        position: { x: 200, y: 0 },
        config: { integrationTimeoutMs: { $param: 'timeoutMs' } },
      },
      ...nodes,
    ],
    edges: [
      { id: 'userApi', source: 'user', target: 'api', kind: 'sync' },
      { id: 'apiFront', source: 'api', target: 'front', kind: 'sync' },
      ...edges,
    ],
    params: [
      {
        id: 'rate',
        kind: 'number',
        label: 'Rate',
        unit: 'msg/s',
        min: 0,
        max: 1000,
        step: 1,
        default: 10,
        description: 'Requests per second.',
      },
      {
        id: 'timeoutMs',
        kind: 'number',
        label: 'Timeout',
        unit: 'ms',
        min: 50,
        max: 60000,
        step: 1,
        default: 29000,
        description: 'Integration timeout.',
      },
      {
        id: 'up',
        kind: 'boolean',
        label: 'Consumer up',
        unit: '',
        default: true,
        description: 'Whether the consumer runs.',
      },
    ],
    flows: [
      {
        id: 'response',
        label: 'Response',
        description: 'Until the user has the answer.',
        measure: { kind: 'response', node: 'user' },
      },
    ],
    charts: [],
    explanation: { summary: 'A test.', whenToUse: [], tradeOffs: [], whatToTry: [] },
  };
}

const front = (config: GraphNode['config'] = {}): GraphNode => ({
  id: 'front',
  kind: 'lambda',
  label: 'Front',
  position: { x: 400, y: 0 },
  config: { duration: 10, coldStart: 0, ...config },
});

function run(def: PatternDefinition, params: ParamValues, handlers: HandlerMap = {}) {
  const world = new World({ seed: 1 });
  const built = assemble(def, handlers, world, params);
  return { world, built };
}

const defaults: ParamValues = { rate: 10, timeoutMs: 29000, up: true };

describe('definitions', () => {
  it('reports problems with the path to the field', () => {
    const bad = definition(
      [front()],
      [{ id: 'x', source: 'front', target: 'nowhere', kind: 'sync' }],
    );
    expect(checkDefinition(bad)).toContainEqual({
      path: 'edges[2].target',
      message: 'unknown node "nowhere"',
    });
    const binding = definition([front({ duration: { $param: 'nope' } })], []);
    expect(checkDefinition(binding)).toContainEqual({
      path: 'nodes[2].config',
      message: 'unknown parameter "nope"',
    });
    const shape = { ...definition([front()], []), nodes: [{ id: 'a', kind: 'teleporter' }] };
    const problems = checkDefinition(shape);
    expect(problems.some((p) => p.path.startsWith('nodes[0]'))).toBe(true);
    expect(checkDefinition(definition([front()], []))).toEqual([]);
  });

  it('resolves bindings, scaling and conditions', () => {
    const p = { a: 2, on: true, shape: 'exponential' };
    expect(resolveValue({ $param: 'a', times: 1000, plus: 5 }, p)).toBe(2005);
    expect(resolveValue({ $if: { param: 'on', equals: true }, then: 1, else: 2 }, p)).toBe(1);
    expect(
      resolveValue(
        {
          $if: {
            all: [
              { param: 'on', equals: true },
              { param: 'a', equals: 3 },
            ],
          },
          then: 1,
          else: 2,
        },
        p,
      ),
    ).toBe(2);
    expect(resolveValue({ kind: { $param: 'shape' }, mean: { $param: 'a' } }, p)).toEqual({
      kind: 'exponential',
      mean: 2,
    });
    expect(() => resolveValue({ $param: 'missing' }, p)).toThrow(/unknown parameter "missing"/);
  });
});

describe('custody: who ends a message', () => {
  it('a 504 does not end a message the function goes on with and hands to a queue', () => {
    const def = definition(
      [front({ duration: 200 }), { id: 'q', kind: 'sqs', label: 'Q', position: { x: 600, y: 0 } }],
      [{ id: 'frontQ', source: 'front', target: 'q', kind: 'async' }],
    );
    const { world, built } = run(def, { ...defaults, timeoutMs: 100 });
    world.sim.runUntil(10_000);
    const stats = built.nodeStats();
    expect(stats.user?.timedOut).toBeGreaterThan(90);
    expect(stats.q?.sent).toBeGreaterThan(90);
    // Every message is in the queue (nobody consumes it), none ended as timed out.
    expect(world.ledger.summary().dropped).toEqual({});
    expect(world.ledger.summary().inSystem).toBe(world.ledger.summary().created);
  });

  it('the gateway refusing a request ends it at the entry as throttled', () => {
    const def = definition([front()], []);
    def.nodes[1]!.config = { rateLimitPerS: 1, burst: 1 };
    const { world } = run(def, { ...defaults, rate: 50 });
    world.sim.runUntil(10_000);
    const s = world.ledger.summary();
    expect(s.dropped.throttled).toBeGreaterThan(400);
    expect(s.completed).toBeGreaterThan(5);
  });
});

describe('consumers on instances (EC2) and queues', () => {
  const bus = () =>
    definition(
      [
        front(),
        { id: 'q', kind: 'sqs', label: 'Q', position: { x: 600, y: 0 } },
        {
          id: 'consumer',
          kind: 'ec2',
          label: 'Consumer',
          position: { x: 800, y: 0 },
          config: { instances: 2, duration: 20, running: { $param: 'up' } },
        },
      ],
      [
        { id: 'frontQ', source: 'front', target: 'q', kind: 'async' },
        { id: 'qConsumer', source: 'q', target: 'consumer', kind: 'poll' },
      ],
    );

  it('a stopped consumer loses nothing: its queue keeps the messages until it is back', () => {
    const { world, built } = run(bus(), defaults);
    world.sim.runUntil(30_000);
    const first = built.nodeStats().consumer?.processed ?? 0;
    expect(first).toBeGreaterThan(250);
    built.update({ ...defaults, up: false });
    world.sim.runUntil(90_000);
    const down = built.nodeStats();
    expect(down.consumer?.running).toBe(0);
    expect(down.q?.visible).toBeGreaterThan(500);
    built.update({ ...defaults, up: true });
    world.sim.runUntil(150_000);
    built.stopTraffic();
    world.sim.runUntil(400_000);
    expect(world.ledger.countInSystem()).toBe(0);
    const s = world.ledger.summary();
    expect(s.dropped).toEqual({});
    expect(s.completed).toBe(s.created);
  }, 60_000);
});

describe('Lambda asynchronous invocation through the kit', () => {
  const asyncDef = (destination: boolean) =>
    definition(
      [
        front(),
        {
          id: 'worker',
          kind: 'lambda',
          label: 'Worker',
          position: { x: 600, y: 0 },
          config: { duration: 10, coldStart: 0, errorRate: 1 },
        },
        ...(destination
          ? [
              {
                id: 'failures',
                kind: 'sqs' as const,
                label: 'Failures',
                position: { x: 800, y: 0 },
              },
            ]
          : []),
      ],
      [
        { id: 'frontWorker', source: 'front', target: 'worker', kind: 'async' },
        ...(destination
          ? [
              {
                id: 'workerFailures',
                source: 'worker',
                target: 'failures',
                kind: 'async' as const,
                config: { destination: 'onFailure' },
              },
            ]
          : []),
      ],
    );

  it('a failing event is retried twice (after 1 and 2 minutes), then lost without a destination', () => {
    const { world, built } = run(asyncDef(false), { ...defaults, rate: 1 });
    world.sim.runUntil(10_000);
    built.stopTraffic();
    world.sim.runUntil(200_000);
    const s = world.ledger.summary();
    expect(s.dropped.retriesExhausted).toBe(s.created);
    expect(built.nodeStats().worker?.invocations).toBe(3 * s.created);
    expect(built.nodeStats().user?.ok).toBe(s.created); // the caller heard 202 every time
  }, 60_000);

  it('with an on-failure destination the failed events are kept there', () => {
    const { world, built } = run(asyncDef(true), { ...defaults, rate: 1 });
    world.sim.runUntil(10_000);
    built.stopTraffic();
    world.sim.runUntil(200_000);
    const s = world.ledger.summary();
    expect(s.dropped).toEqual({});
    expect(built.nodeStats().failures?.visible).toBe(s.created);
    expect(world.ledger.countInSystem()).toBe(s.created);
  }, 60_000);
});

describe('definition checks that protect user-made definitions', () => {
  it('refuses a setting its kind does not have, naming the ones it has', () => {
    const def = definition([front({ durationn: 5 })], []);
    const problem = checkDefinition(def).find((p) => p.path === 'nodes[2].config.durationn');
    expect(problem?.message).toMatch(
      /a lambda node has no setting "durationn" \(it has: duration,/,
    );
  });

  it('a parameter that adds or removes parts of the graph must restart the run', () => {
    const def = definition([{ ...front(), visibleWhen: { param: 'up', equals: true } }], []);
    expect(checkDefinition(def)).toContainEqual({
      path: 'nodes[2].visibleWhen',
      message: 'parameter "up" adds or removes parts of the graph, so it needs "restarts": true',
    });
  });

  it("checks filter policies and event patterns with AWS's own validation", () => {
    const def = definition(
      [front(), { id: 'topic', kind: 'sns', label: 'T', position: { x: 0, y: 0 } }],
      [
        {
          id: 'sub',
          source: 'topic',
          target: 'front',
          kind: 'subscription',
          filterPolicy: { type: 'not-a-list' },
        },
      ],
    );
    const problem = checkDefinition(def).find((p) => p.path === 'edges[2].filterPolicy');
    expect(problem?.message).toMatch(/Invalid parameter/);
  });
});

describe('chart series', () => {
  it('"lost" counts what was dropped, without the deliveries a filter dropped', () => {
    const def = definition([front({ errorRate: 1 })], []);
    def.charts = [
      {
        id: 'c',
        title: 'Lost',
        unit: 'total',
        series: [
          { id: 'lost', label: 'lost', color: '#000', source: { ledger: 'lost' } },
          { id: 'dropped', label: 'dropped', color: '#000', source: { ledger: 'dropped' } },
        ],
      },
    ];
    const { world } = run(def, defaults);
    world.startSampling();
    world.sim.runUntil(10_500);
    const lost = world.sampler.values('lost');
    const dropped = world.sampler.values('dropped');
    expect(lost?.get(lost.length - 1)).toBeGreaterThan(50);
    expect(lost?.get(lost.length - 1)).toBe(dropped?.get(dropped.length - 1));
  });
});

describe('API Gateway routes', () => {
  const routed = (apiType: string, path: string) => {
    const def = definition([front()], []);
    def.nodes[1]!.config = { apiType };
    def.edges[0]!.route = { method: 'POST', path };
    def.edges[1]!.route = { method: 'POST', path: '/orders' };
    return run(def, { ...defaults, rate: 5 });
  };

  it('a request no route takes: 403 Missing Authentication Token (REST) or 404 (HTTP API)', () => {
    for (const [apiType, status] of [
      ['REST', 403],
      ['HTTP', 404],
    ] as const) {
      const { world, built } = routed(apiType, '/nowhere');
      world.sim.runUntil(10_000);
      const user = built.nodeStats().user!;
      expect(user.sent).toBeGreaterThan(20);
      // Answers still on their way back at the cut-off are not counted yet.
      const answered = status === 404 ? user.notFound! : user.clientErrors!;
      expect(answered).toBeGreaterThan(user.sent! - 3);
      expect(user.errors).toBe(0);
      expect(built.nodeStats().api?.unrouted).toBeGreaterThan(20);
      // Nothing reached the function, and every request ended at the gateway.
      expect(built.nodeStats().front?.invocations).toBe(0);
      expect(world.ledger.summary().completed).toBe(0);
    }
  });

  it('a routed request reaches its function and is counted on its route', () => {
    const { world, built } = routed('REST', '/orders');
    world.sim.runUntil(10_000);
    expect(built.nodeStats().front?.invocations).toBeGreaterThan(20);
    expect(built.edgeStats().apiFront?.ok).toBeGreaterThan(20);
  });
});
