/** Calls recorded per trace at most (a message retried without end stops adding spans). */
const MAX_SPANS = 4096;

/**
 * One call a message made across one edge, as a trace viewer shows it: from the moment the caller
 * sent it until the answer was back at the caller.
 */
export interface Span {
  /** Index in its trace's `spans` (calls in the order they started). */
  index: number;
  edgeId: string;
  /** The caller and the callee (node ids). */
  from: string;
  to: string;
  /** The request's path, for a call to an API. */
  path: string | undefined;
  /** The span of the call that was running at `from` when this one started; -1 for the root. */
  parent: number;
  startMs: number;
  /** NaN while the call has not been answered. */
  endMs: number;
  /** The answer's HTTP status where it has one. */
  status: number | undefined;
  ok: boolean;
}

/** Every call one message made, nested by caller: what the waterfall draws. */
export interface TraceRecord {
  msgId: number;
  /** The node that made the first call (an entry point: the users). */
  entry: string;
  spans: Span[];
  /** The first call's start and end (NaN until it is answered), status and outcome. */
  startMs: number;
  endMs: number;
  status: number | undefined;
  ok: boolean;
}

/** What a span's answer says. */
export interface SpanOutcome {
  ok: boolean;
  status?: number | undefined;
}

/**
 * Records the calls of some messages for a waterfall view (a trace per message, like a trace
 * viewer). Disabled, the default for headless runs, it costs one branch per call. Bounded: at
 * most `maxPerSecond` new traces per simulated second, one message in `sampleEvery` (doubling
 * while too many traces are open at once), at most
 * `openCapacity` traces are open (the oldest is forgotten past that), and the last
 * `keptCapacity` finished traces are kept.
 *
 * A span's parent is the caller's own call still open at that moment whose callee is the caller;
 * when several are (parallel calls through one gateway), the one with the same path, else the
 * latest. Calls made after the first call was answered (an asynchronous tail) join the trace while
 * it is kept.
 */
export class SpanLog {
  enabled = false;
  sampleEvery = 1;
  private readonly open = new Map<number, TraceRecord>();
  private readonly kept = new Map<number, TraceRecord>();

  /** The simulated second `startedThisSecond` counts traces in. */
  private second = -1;
  private startedThisSecond = 0;

  constructor(
    readonly openCapacity = 400,
    readonly keptCapacity = 200,
    /**
     * New traces per simulated second at most: the view shows a dozen, and at high rates and
     * speeds tracing every message would cost more than drawing it.
     */
    readonly maxPerSecond = 50,
  ) {}

  /**
   * A call starts: returns a handle for `end`, or -1 when this message is not traced. Only a
   * message's first call starts a trace.
   */
  start(
    msgId: number,
    edgeId: string,
    from: string,
    to: string,
    path: string | undefined,
    nowMs: number,
  ): number {
    if (!this.enabled) return -1;
    let trace = this.open.get(msgId) ?? this.kept.get(msgId);
    if (!trace) {
      if (msgId % this.sampleEvery !== 0) return -1;
      const second = Math.floor(nowMs / 1000);
      if (second !== this.second) {
        this.second = second;
        this.startedThisSecond = 0;
      }
      if (this.startedThisSecond >= this.maxPerSecond) return -1;
      this.startedThisSecond++;
      trace = {
        msgId,
        entry: from,
        spans: [],
        startMs: nowMs,
        endMs: NaN,
        status: undefined,
        ok: false,
      };
      this.open.set(msgId, trace);
      if (this.open.size > this.openCapacity) {
        // Too many at once: trace fewer new messages, and forget the oldest open one.
        this.sampleEvery *= 2;
        const oldest = this.open.keys().next().value as number;
        this.open.delete(oldest);
      }
    }
    const spans = trace.spans;
    if (spans.length >= MAX_SPANS) return -1;
    let parent = -1;
    let best = -1;
    for (let i = spans.length - 1; i >= 0; i--) {
      const s = spans[i] as Span;
      if (s.to !== from) continue;
      // A call still running at the caller beats a finished one; the same path breaks ties.
      const score =
        (Number.isNaN(s.endMs) ? 2 : 0) + (path !== undefined && s.path === path ? 1 : 0);
      if (score > best) {
        best = score;
        parent = i;
      }
    }
    spans.push({
      index: spans.length,
      edgeId,
      from,
      to,
      path,
      parent,
      startMs: nowMs,
      endMs: NaN,
      status: undefined,
      ok: false,
    });
    // Handle: the message id and span index packed into one number.
    return msgId * MAX_SPANS + (spans.length - 1);
  }

  /** The answer to a call is back at the caller. */
  end(handle: number, nowMs: number, outcome: SpanOutcome): void {
    if (handle < 0) return;
    const msgId = Math.floor(handle / MAX_SPANS);
    const trace = this.open.get(msgId) ?? this.kept.get(msgId);
    const span = trace?.spans[handle % MAX_SPANS];
    if (!trace || !span) return;
    span.endMs = nowMs;
    span.ok = outcome.ok;
    span.status = outcome.status;
    if (span.index !== 0) return;
    trace.endMs = nowMs;
    trace.ok = outcome.ok;
    trace.status = outcome.status;
    this.open.delete(msgId);
    this.kept.set(msgId, trace);
    if (this.kept.size > this.keptCapacity)
      this.kept.delete(this.kept.keys().next().value as number);
    // Room again: trace more messages.
    if (this.sampleEvery > 1 && this.open.size < this.openCapacity / 4) this.sampleEvery /= 2;
  }

  /** Finished traces, newest first (at most `limit`), optionally only those starting at `entry`. */
  recent(limit = 50, entry?: string): TraceRecord[] {
    const out: TraceRecord[] = [];
    const all = [...this.kept.values()];
    for (let i = all.length - 1; i >= 0 && out.length < limit; i--) {
      const t = all[i] as TraceRecord;
      if (entry === undefined || t.entry === entry) out.push(t);
    }
    return out;
  }

  /** One message's trace, open or finished, if it was traced and is still kept. */
  trace(msgId: number): TraceRecord | undefined {
    return this.kept.get(msgId) ?? this.open.get(msgId);
  }

  /** Forgets everything. */
  clear(): void {
    this.open.clear();
    this.kept.clear();
    this.sampleEvery = 1;
    this.second = -1;
    this.startedThisSecond = 0;
  }
}
