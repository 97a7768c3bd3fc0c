import { describe, expect, it } from 'vitest';
import { createRun, resolveParams } from '../index';
import { messageBus as pattern } from './index';

const run = (set: Record<string, string>, seconds: number, seed = 1) => {
  const { values, errors } = resolveParams(pattern, set);
  expect(errors).toEqual([]);
  const r = createRun(pattern, values, { seed });
  r.advanceTo(seconds * 1000);
  return r;
};

describe("message-bus: the seed's points", () => {
  it('each event is fanned out to both queues: one delivery per subscription', () => {
    const r = run({}, 60);
    r.built.stopTraffic();
    r.advanceTo(65_000); // let the last answers travel back
    const s = r.summary();
    expect(s.ledger.fannedOut).toBe(s.nodes.bus?.published);
    expect(s.ledger.deliveries).toBe(2 * (s.nodes.bus?.published ?? 0));
    expect(s.edges.busToQueueB?.delivered).toBe(s.nodes.queueB?.sent);
    expect(s.edges.busToQueueC?.delivered).toBe(s.nodes.queueC?.sent);
  });

  it('a consumer that is down loses nothing: its queue holds the events until it is back', () => {
    const r = run({ consumerBUp: 'false' }, 60);
    const down = r.summary();
    expect(down.nodes.consumerB?.processed).toBe(0);
    expect(down.nodes.queueB?.visible).toBeGreaterThan(1000);
    // C is not affected.
    expect(down.nodes.queueC?.visible).toBeLessThan(50);
    r.update({ ...r.params, consumerBUp: true, consumerBInstances: 4 });
    r.advanceTo(120_000);
    r.built.stopTraffic();
    r.advanceTo(240_000);
    const after = r.summary();
    expect(after.ledger.dropped).toEqual({});
    expect(after.nodes.queueB?.visible).toBe(0);
    expect(after.ledger.inSystem).toBe(0);
    expect(after.ledger.completed).toBe(after.ledger.deliveries);
  }, 60_000);

  it('down for longer than the retention period: the older events are lost, for that consumer alone', () => {
    const s = run({ consumerCUp: 'false', retentionS: '60' }, 180).summary();
    expect(s.ledger.dropped.expired).toBeGreaterThan(1500);
    expect(s.nodes.queueC?.expired).toBe(s.ledger.dropped.expired);
    expect(s.nodes.queueB?.expired).toBe(0);
  }, 60_000);

  it('a consumer slower than the publish rate builds a backlog; a second instance drains it', () => {
    const slow = run({ consumerCDurationMs: '60' }, 120).summary();
    expect(slow.nodes.queueC?.visible).toBeGreaterThan(200);
    const two = run({ consumerCDurationMs: '60', consumerCInstances: '2' }, 120).summary();
    expect(two.nodes.queueC?.visible).toBeLessThan(50);
  }, 60_000);
});
