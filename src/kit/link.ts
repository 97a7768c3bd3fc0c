import { HopKind, sample, type Distribution, type Rng, type World } from '../engine';
import type { ConfigReader } from './config';
import type { GraphEdge } from './definition';
import type { NodeRuntime } from './kind';
import type { Reply, Result, Trace } from './messages';

/** An HTTP request's method and path, for an API's route table. */
export interface Request {
  method: string;
  path: string;
}

/** How a link reports that its target handled a message well (for "reached" flows). */
export type ReachedHook = (id: number) => void;

/** How a link reports a call answered back at the caller: how long it took, for which request. */
export type AnsweredHook = (ms: number, request: Request | undefined, result: Result) => void;

/**
 * An edge at run time: it samples the network time of each message and records the hop for the
 * view, so that neither patterns nor models touch the hop log. Synchronous calls and writes are
 * drawn both ways (the answer travels back, green or red); hand-offs one way.
 */
export class Link {
  /** The edge's settings (an event source mapping's batch size...), re-resolved on updates. */
  config: ConfigReader;
  latency: Distribution;
  /** Called when the target answers a call well (the assembler wires "reached" flows here). */
  onReached: ReachedHook | undefined;
  /** Called when a call's answer is back at the caller ("call" flows are wired here). */
  onAnswered: AnsweredHook | undefined;
  /**
   * The rule this edge applies now: a subscription's filter policy, a rule's event pattern (the
   * definition's, or one the user edited since). The source node compiles and applies it.
   */
  rule: Record<string, unknown> | undefined;

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
    readonly edge: GraphEdge,
    readonly source: NodeRuntime,
    readonly target: NodeRuntime,
    config: ConfigReader,
    latency: Distribution,
  ) {
    this.config = config;
    this.latency = latency;
    this.rule = edge.filterPolicy ?? edge.eventPattern;
  }

  /** The edge id; hop events refer to it. */
  get id(): string {
    return this.edge.id;
  }

  /**
   * Sends `trace` to the target and gives its answer to `reply` once that has travelled back.
   * The answer of a sync call or a write is drawn on the way back. `request` is the HTTP method
   * and path, for an API gateway's route table (default: the edge's own `route`).
   */
  call(trace: Trace, reply: Reply, request: Request | undefined = this.edge.route): void {
    const sim = this.world.sim;
    const startedMs = sim.now;
    const span = this.world.spans.start(
      trace.id,
      this.edge.id,
      this.edge.source,
      this.edge.target,
      request?.path,
      startedMs,
    );
    const answered = this.onAnswered;
    // Only when someone listens does the answer go through one more closure.
    const back =
      span < 0 && !answered
        ? reply
        : (result: Result) => {
            this.world.spans.end(span, sim.now, result);
            answered?.(sim.now - startedMs, request, result);
            reply(result);
          };
    const there = this.hop(trace.id, trace.attempt > 1 ? HopKind.Retry : HopKind.Normal);
    const drawBack = this.edge.kind === 'sync' || this.edge.kind === 'write';
    sim.schedule(
      there,
      () =>
        this.target.instance.accept(
          trace,
          (result: Result) => {
            if (result.ok && this.onReached) this.onReached(trace.id);
            const travel = drawBack
              ? this.hop(trace.id, result.ok ? HopKind.Success : HopKind.Failure, true)
              : sample(this.latency, this.rng);
            sim.schedule(travel, back, result);
          },
          this,
          request,
        ),
      undefined,
    );
  }

  /**
   * Draws one message crossing the edge now (a poll delivering a batch, a redrive to a DLQ) and
   * returns the time it takes; `reverse` draws it against the edge's direction.
   */
  hop(msgId: number, kind: HopKind = HopKind.Normal, reverse = false, ms?: number): number {
    const now = this.world.sim.now;
    const travel = ms ?? sample(this.latency, this.rng);
    this.world.hops.record(msgId, this.edge.id, now, now + travel, kind, reverse);
    return travel;
  }
}
