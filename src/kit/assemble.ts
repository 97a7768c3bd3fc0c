import { FlowLatency, type Counter, type World } from '../engine';
import { ConfigReader, holds, resolveConfig, resolveValue, toDistribution } from './config';
import type { ChartSpec, GraphEdge, ParamValues, PatternDefinition } from './definition';
import type { HandlerMap } from './handler';
import type { NodeRuntime, NodeStats } from './kind';
import { kindModule } from './kinds';
import { Link } from './link';
import { Messages, type Grave } from './messages';
import type { Payload } from './payload';

/** Network time of an edge without a `latency`: a call inside one Region. */
export const IN_REGION = { kind: 'lognormal', mean: 1.5, cv: 0.3 } as const;

/** A run's live parts, as the assembler built them from a definition. */
export interface Assembly {
  /** Live numbers per node id. */
  nodeStats(): Record<string, NodeStats>;
  /** End-to-end latencies by flow id. */
  flows: Record<string, FlowLatency>;
  messages: Messages;
  /**
   * Applies new parameter values: re-resolves every binding and reconfigures the running nodes
   * and links. Returns false, changing nothing, when a parameter that restarts the run changed.
   */
  update(params: ParamValues): boolean;
  /** Entry points stop producing messages; what is in the system plays out. */
  stopTraffic(): void;
  /**
   * Ends a warm-up period: every flow's latencies and every node's statistics (time averages,
   * maxima, wait distributions) start afresh; counters and the ledger go on.
   */
  endWarmUp(): void;
  /** Settings adjusted because AWS would refuse them as given, by node id. */
  notes(): Record<string, string>;
  /** The most recent lost messages at each node: which, when, why, after how many attempts. */
  graveyard(): Record<string, readonly Grave[]>;
  /**
   * Replaces the rule an edge applies (a filter policy, an event pattern), live. Returns AWS's
   * error text for an invalid rule, which then changes nothing; undefined when applied.
   */
  setRule(edgeId: string, rule: Record<string, unknown>): string | undefined;
  /** The rule each rule-carrying edge applies now (edited ones included), by edge id. */
  rules(): Record<string, Record<string, unknown>>;
  /** Why message `msgId` does not pass the rule on edge `edgeId` (empty when it does). */
  explainRule(edgeId: string, msgId: number): string[];
  /** The last few messages the rule on edge `edgeId` filtered out (ids, oldest first). */
  recentFiltered(edgeId: string): number[];
  /** What message `msgId` carries (its payload's body and attributes). */
  payloadOf(msgId: number): Payload;
  /** Per-edge counts (each subscription's or rule target's matched, filtered, delivered...). */
  edgeStats(): Record<string, NodeStats>;
}

/** Options for {@link assemble}. */
export interface AssembleOptions {
  /** Rules edited by the user, by edge id, in place of the definition's. */
  rules?: Record<string, Record<string, unknown>>;
}

/**
 * Builds a run of `definition` on `world`: one node per active node (its `visibleWhen` holds),
 * one link per active edge, models from each kind's module, the pattern's handlers, the flows
 * and the chart series. Throws a clear error for a definition that names a missing handler.
 */
export function assemble(
  definition: PatternDefinition,
  handlers: HandlerMap,
  world: World,
  params: ParamValues,
  options: AssembleOptions = {},
): Assembly {
  const messages = new Messages(world);
  const shared = new Map<string, unknown>();
  const notes: Record<string, string> = {};
  const rng = world.sim.rng;
  const netRng = rng.split('network');

  const active = definition.nodes.filter((n) => holds(n.visibleWhen, params));
  const runtimes = new Map<string, NodeRuntime>();
  for (const node of active) {
    runtimes.set(node.id, {
      node,
      out: [],
      in: [],
      instance: undefined as unknown as NodeRuntime['instance'],
    });
  }
  const links: Link[] = [];
  for (const edge of definition.edges) {
    if (!holds(edge.visibleWhen, params)) continue;
    const source = runtimes.get(edge.source);
    const target = runtimes.get(edge.target);
    if (!source || !target) continue;
    const link = new Link(
      world,
      netRng,
      edge,
      source,
      target,
      edgeConfig(edge, params),
      edgeLatency(edge, params),
    );
    const edited = options.rules?.[edge.id];
    if (edited) link.rule = edited;
    source.out.push(link);
    target.in.push(link);
    links.push(link);
  }
  for (const runtime of runtimes.values()) {
    const node = runtime.node;
    const handler = node.handler === undefined ? undefined : handlers[node.handler];
    if (node.handler !== undefined && !handler)
      throw new Error(`node ${node.id} names handler "${node.handler}", which the pattern lacks`);
    runtime.instance = kindModule(node.kind).create({
      world,
      messages,
      runtime,
      config: new ConfigReader(`node ${node.id}`, resolveConfig(node.config, params)),
      rng: rng.split(node.id),
      handler,
      shared,
      note: (message) => {
        if (message === undefined) delete notes[node.id];
        else notes[node.id] = message;
      },
    });
  }

  const flows = wireFlows(definition, runtimes, links, messages);
  for (const runtime of runtimes.values()) runtime.instance.start?.();

  const nodeStats = (): Record<string, NodeStats> => {
    const out: Record<string, NodeStats> = {};
    for (const [id, r] of runtimes) out[id] = r.instance.stats();
    return out;
  };
  registerSeries(definition.charts, world, runtimes, flows);

  const restarting = definition.params.filter((p) => p.restarts).map((p) => p.id);
  let current = params;
  return {
    nodeStats,
    flows,
    messages,
    notes: () => ({ ...notes }),
    graveyard: () => messages.graveyard(),
    setRule(edgeId, rule) {
      const link = links.find((l) => l.id === edgeId);
      if (!link) return `edge "${edgeId}" is not part of this run`;
      const apply = link.source.instance.setRule;
      if (!apply) return `edge "${edgeId}" carries no rule`;
      return apply.call(link.source.instance, link, rule);
    },
    explainRule(edgeId, msgId) {
      const link = links.find((l) => l.id === edgeId);
      return link?.source.instance.explainRule?.(link, msgId) ?? [];
    },
    recentFiltered(edgeId) {
      const link = links.find((l) => l.id === edgeId);
      return link?.source.instance.recentFiltered?.(link) ?? [];
    },
    payloadOf: (msgId) => messages.payloadOf(msgId),
    edgeStats() {
      const out: Record<string, NodeStats> = {};
      for (const r of runtimes.values()) Object.assign(out, r.instance.edgeStats?.());
      return out;
    },
    rules() {
      const out: Record<string, Record<string, unknown>> = {};
      for (const link of links) if (link.rule) out[link.id] = link.rule;
      return out;
    },
    endWarmUp() {
      for (const flow of Object.values(flows)) flow.total.reset();
      for (const r of runtimes.values()) r.instance.resetStatistics?.();
    },
    stopTraffic() {
      for (const r of runtimes.values()) r.instance.stop?.();
    },
    update(next: ParamValues): boolean {
      if (restarting.some((id) => next[id] !== current[id])) return false;
      current = next;
      for (const link of links) {
        link.config = edgeConfig(link.edge, next);
        link.latency = edgeLatency(link.edge, next);
      }
      for (const r of runtimes.values())
        r.instance.reconfigure(
          new ConfigReader(`node ${r.node.id}`, resolveConfig(r.node.config, next)),
        );
      return true;
    },
  };
}

function edgeConfig(edge: GraphEdge, params: ParamValues): ConfigReader {
  return new ConfigReader(`edge ${edge.id}`, resolveConfig(edge.config, params));
}

function edgeLatency(edge: GraphEdge, params: ParamValues) {
  return edge.latency === undefined
    ? { ...IN_REGION }
    : toDistribution(resolveValue(edge.latency, params), `edge ${edge.id}: latency`);
}

/** Creates each flow's histogram and hooks it where its measure says. */
function wireFlows(
  definition: PatternDefinition,
  runtimes: Map<string, NodeRuntime>,
  links: Link[],
  messages: Messages,
): Record<string, FlowLatency> {
  const flows: Record<string, FlowLatency> = {};
  for (const spec of definition.flows) {
    const latency = new FlowLatency();
    flows[spec.id] = latency;
    const m = spec.measure;
    if (m.kind === 'ended') {
      messages.measureEnded(m.fate, latency, m.node);
    } else if (m.kind === 'call') {
      for (const link of links) {
        if (link.edge.id !== m.edge) continue;
        const previous = link.onAnswered;
        link.onAnswered = (ms, request, result) => {
          previous?.(ms, request, result);
          if (m.path === undefined || request?.path === m.path) latency.record(ms);
        };
      }
    } else if (m.kind === 'response') {
      const instance = runtimes.get(m.node)?.instance;
      if (instance && 'onResponse' in instance) {
        const previous = instance.onResponse;
        instance.onResponse = (id: number) => {
          previous?.(id);
          latency.record(messages.now() - messages.createdAtOf(id));
        };
      }
    } else {
      // The first time a message is handled well at the node (a retried write does not count
      // twice): one bit per message.
      let seen = new Uint8Array(1024);
      for (const link of links) {
        if (link.edge.target !== m.node) continue;
        const previous = link.onReached;
        link.onReached = (id: number) => {
          previous?.(id);
          if (id >> 3 >= seen.length) {
            const bigger = new Uint8Array(Math.max(seen.length * 2, (id >> 3) + 1));
            bigger.set(seen);
            seen = bigger;
          }
          const bit = 1 << (id & 7);
          const byte = seen[id >> 3] as number;
          if (byte & bit) return;
          seen[id >> 3] = byte | bit;
          latency.record(messages.now() - messages.createdAtOf(id));
        };
      }
    }
  }
  return flows;
}

/** Registers every chart series with the sampler, reading the source it names. */
function registerSeries(
  charts: readonly ChartSpec[],
  world: World,
  runtimes: Map<string, NodeRuntime>,
  flows: Record<string, FlowLatency>,
): void {
  const s = world.sampler;
  // One stats() per node per tick, however many series read it.
  const cache = new Map<string, { at: number; stats: NodeStats }>();
  const statOf = (node: string, stat: string): number => {
    const runtime = runtimes.get(node);
    if (!runtime) return 0; // an inactive node (e.g. no queue in this run): nothing to draw
    let entry = cache.get(node);
    if (!entry || entry.at !== world.sim.now) {
      entry = { at: world.sim.now, stats: runtime.instance.stats() };
      cache.set(node, entry);
    }
    return entry.stats[stat] ?? 0;
  };
  const edgeCache = new Map<string, { at: number; stats: Record<string, NodeStats> }>();
  const edgeStatOf = (source: NodeRuntime | undefined, edge: string, stat: string): number => {
    const instance = source?.instance;
    if (!source || !instance?.edgeStats) return 0; // an inactive edge: nothing to draw
    const key = source.node.id;
    let entry = edgeCache.get(key);
    if (!entry || entry.at !== world.sim.now) {
      entry = { at: world.sim.now, stats: instance.edgeStats() };
      edgeCache.set(key, entry);
    }
    return entry.stats[edge]?.[stat] ?? 0;
  };
  let ledgerAt = -1;
  let ledger = world.ledger.summary();
  const ledgerTotal = (total: string): number => {
    if (ledgerAt !== world.sim.now) {
      ledger = world.ledger.summary();
      ledgerAt = world.sim.now;
    }
    if (total === 'dropped' || total === 'lost') {
      const all = Object.values(ledger.dropped).reduce((a, b) => a + (b ?? 0), 0);
      // Filtered-out deliveries were not wanted: they are dropped, not lost.
      return total === 'lost' ? all - (ledger.dropped.filteredOut ?? 0) : all;
    }
    return ledger[total as 'created' | 'completed' | 'deadLettered' | 'inSystem'];
  };
  const counter = (read: () => number): Counter => ({
    get value() {
      return read();
    },
  });
  for (const chart of charts) {
    for (const series of chart.series) {
      const src = series.source;
      let read: () => number;
      if ('node' in src) {
        const get = () => statOf(src.node, src.stat);
        read = src.rate ? s.rate(counter(get)) : get;
      } else if ('edge' in src) {
        const source = [...runtimes.values()].find((r) =>
          r.out.some((l) => l.edge.id === src.edge),
        );
        const get = () => edgeStatOf(source, src.edge, src.stat);
        read = src.rate ? s.rate(counter(get)) : get;
      } else if ('ledger' in src) {
        const get = () => ledgerTotal(src.ledger);
        read = src.rate ? s.rate(counter(get)) : get;
      } else {
        const flow = flows[src.flow];
        if (!flow) throw new Error(`series ${series.id} names unknown flow "${src.flow}"`);
        read =
          'percentile' in src
            ? s.flowPercentile(flow, src.percentile)
            : s.rate(counter(() => flow.total.count));
      }
      s.add({ id: series.id, label: series.label, unit: chart.unit, read });
    }
  }
}
