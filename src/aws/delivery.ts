import type { Counter, ScheduledEvent, Simulation } from '../engine';

/**
 * The retry loop that SNS subscriptions and EventBridge rule targets share: attempt a delivery,
 * and on a retryable failure wait as the service's retry policy says and attempt again, until
 * the endpoint accepts, fails permanently, or the policy gives up. The services differ only in
 * the policy (see {@link RetryDecider}); this file knows nothing of either.
 *
 * Memory: a delivery is a slot in typed columns (id, start time, due time, order, attempts,
 * state, plus its places in the heap and the free list: 45 bytes; columns grow by doubling and
 * never shrink). All
 * waiting deliveries share one pending simulation event, armed for the earliest due time, so a
 * retry costs no closure and no event object of its own. The `done` callback handed to the
 * endpoint is made once per slot and reused by every delivery that later occupies the slot.
 */

/** What an endpoint answers to one delivery attempt. */
export type DeliveryResult = 'ok' | 'retryable' | 'permanent';

/** Reports the outcome of one attempt; call exactly once per attempt (now or later). */
export type DeliveryDone = (result: DeliveryResult) => void;

/**
 * The endpoint: attempt number `attempt` (1 for the first, 2 for the first retry...) to deliver
 * message `id`. Call `done` once with the outcome, synchronously or later.
 */
export type DeliveryEndpoint = (id: number, attempt: number, done: DeliveryDone) => void;

/** Why a delivery ended without reaching its endpoint. */
export type DeliveryStopReason = 'retriesExhausted' | 'expired' | 'permanent';

/** The service's retry policy, asked after each retryable failure. */
export interface RetryDecider {
  /**
   * Attempt number `attempts` of a delivery started at `startedAt` just failed with a retryable
   * error at `now`: the absolute time of the next attempt (>= now), or -1 when the policy has no
   * retry left.
   */
  nextAttemptAt(attempts: number, startedAt: number, now: number): number;
  /** The time from which the delivery is too old to attempt again (Infinity: never). */
  deadline(startedAt: number): number;
}

/** How a retry loop reports each delivery's course; each outcome hook fires once per delivery. */
export interface RetryLoopEvents {
  delivered(id: number, attempts: number): void;
  /** Attempt number `attempt` is due after `delayMs`. */
  retry(id: number, attempt: number, delayMs: number): void;
  stopped(id: number, attempts: number, reason: DeliveryStopReason): void;
}

/** Counters of a retry loop; the owning model exposes them (and rates of them) as its stats. */
export interface RetryLoopCounters {
  /** Deliveries started (one per `start`). */
  readonly started: Counter;
  /** Attempts started, first attempts and retries. */
  readonly attempts: Counter;
  /** Retry attempts started (attempt 2 and later). */
  readonly retries: Counter;
  readonly delivered: Counter;
  /** Ended because the policy had no retry left. */
  readonly retriesExhausted: Counter;
  /** Ended because the delivery got older than the policy's deadline. */
  readonly expired: Counter;
  /** Ended by a permanent (non-retriable) error. */
  readonly permanent: Counter;
}

const FREE = 0;
/** Waiting for its first attempt (scheduled for "now", after the caller's call returned). */
const QUEUED = 1;
/** An attempt is running at the endpoint. */
const ATTEMPTING = 2;
/** Waiting for a retry. */
const WAITING = 3;

/** Attempts saturate here (far above any policy: SNS's largest makes 100,016). */
const MAX_ATTEMPTS = 0x7fffffff;

/**
 * Runs deliveries against one endpoint under one retry policy. See the file comment for the
 * storage; {@link start} begins one.
 */
export class RetryLoop {
  readonly counters: RetryLoopCounters = {
    started: { value: 0 },
    attempts: { value: 0 },
    retries: { value: 0 },
    delivered: { value: 0 },
    retriesExhausted: { value: 0 },
    expired: { value: 0 },
    permanent: { value: 0 },
  };

  private capacity = 0;
  private ids = new Float64Array(0);
  private startedAt = new Float64Array(0);
  private due = new Float64Array(0);
  /** Order of scheduling, to break ties between equal due times first come, first served. */
  private order = new Float64Array(0);
  private attempts = new Int32Array(0);
  private states = new Uint8Array(0);
  /** Free slots, a stack. */
  private free = new Int32Array(0);
  private freeTop = 0;
  private nextFresh = 0;
  /** One `done` per slot, made when the slot is first used. */
  private readonly dones: DeliveryDone[] = [];

  /** Slots waiting (QUEUED or WAITING), a binary heap by (due, order). */
  private heap = new Int32Array(0);
  private heapSize = 0;
  private orderSeq = 0;
  private timer: ScheduledEvent | undefined;

  private waitingRetries = 0;
  private running = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly endpoint: DeliveryEndpoint,
    private readonly decider: RetryDecider,
    private readonly events: RetryLoopEvents,
  ) {}

  /** Deliveries not yet ended (queued, at the endpoint, or waiting for a retry). */
  get active(): number {
    return this.heapSize + this.running;
  }

  /** Deliveries waiting for a retry now. */
  get inRetry(): number {
    return this.waitingRetries;
  }

  /** Attempts at the endpoint now. */
  get attempting(): number {
    return this.running;
  }

  /** Slots allocated (capacity of the columns), for memory checks. */
  get storageSlots(): number {
    return this.capacity;
  }

  /**
   * Starts delivering message `id`. The first attempt runs later in this same instant, so the
   * caller's own call (a Publish, a PutEvents) has returned before any endpoint hears of it.
   * `startedAt` is what the policy's deadline counts from (default now).
   */
  start(id: number, startedAt = this.sim.now): void {
    if (!Number.isFinite(id)) throw new RangeError(`message id must be a finite number, got ${id}`);
    if (!(startedAt <= this.sim.now))
      throw new RangeError(
        `a delivery cannot start in the future (${startedAt} > ${this.sim.now})`,
      );
    const s = this.alloc();
    this.ids[s] = id;
    this.startedAt[s] = startedAt;
    this.attempts[s] = 0;
    this.states[s] = QUEUED;
    this.counters.started.value++;
    this.push(s, this.sim.now);
  }

  // ----------------------------------------------------------------------------------------------
  // Attempts.

  private attempt(s: number): void {
    const n = Math.min(MAX_ATTEMPTS, (this.attempts[s] as number) + 1);
    this.attempts[s] = n;
    this.states[s] = ATTEMPTING;
    this.running++;
    this.counters.attempts.value++;
    if (n > 1) this.counters.retries.value++;
    this.endpoint(this.ids[s] as number, n, this.dones[s] as DeliveryDone);
  }

  private finished(s: number, result: DeliveryResult): void {
    if (this.states[s] !== ATTEMPTING)
      throw new Error('delivery outcome reported twice, or after the delivery ended');
    this.running--;
    const id = this.ids[s] as number;
    const n = this.attempts[s] as number;
    if (result === 'ok') {
      this.release(s);
      this.counters.delivered.value++;
      this.events.delivered(id, n);
      return;
    }
    if (result === 'permanent') {
      this.stop(s, 'permanent');
      return;
    }
    if (result !== 'retryable') throw new RangeError(`unknown delivery result ${String(result)}`);
    const now = this.sim.now;
    const startedAt = this.startedAt[s] as number;
    const next = this.decider.nextAttemptAt(n, startedAt, now);
    if (next < 0 || n >= MAX_ATTEMPTS) {
      this.stop(s, 'retriesExhausted');
      return;
    }
    // No attempt is made at or past the deadline: a retry that would come too late ends the
    // delivery as expired now.
    if (next >= this.decider.deadline(startedAt)) {
      this.stop(s, 'expired');
      return;
    }
    const at = Math.max(now, next);
    this.states[s] = WAITING;
    this.waitingRetries++;
    this.events.retry(id, n + 1, at - now);
    this.push(s, at);
  }

  private stop(s: number, reason: DeliveryStopReason): void {
    const id = this.ids[s] as number;
    const n = this.attempts[s] as number;
    this.release(s);
    if (reason === 'permanent') this.counters.permanent.value++;
    else if (reason === 'expired') this.counters.expired.value++;
    else this.counters.retriesExhausted.value++;
    this.events.stopped(id, n, reason);
  }

  // ----------------------------------------------------------------------------------------------
  // The timer: one pending event for the earliest due slot.

  private arm(): void {
    if (this.heapSize === 0) return;
    const at = Math.max(this.sim.now, this.due[this.heap[0] as number] as number);
    const t = this.timer;
    if (t && !t.done) {
      if (t.time <= at) return;
      this.sim.cancel(t);
    }
    this.timer = this.sim.atCancellable(at, this.fire, undefined);
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    const now = this.sim.now;
    // Only slots scheduled before this event ran: an immediate retry scheduled by an attempt
    // made here runs in a later event of this instant, not in this loop.
    const limit = this.orderSeq;
    while (this.heapSize > 0) {
      const s = this.heap[0] as number;
      if ((this.due[s] as number) > now || (this.order[s] as number) >= limit) break;
      this.pop();
      if (this.states[s] === WAITING) this.waitingRetries--;
      // Too old already: given an old event time, or the policy was shortened while it waited.
      if (now >= this.decider.deadline(this.startedAt[s] as number)) {
        this.stop(s, 'expired');
        continue;
      }
      this.attempt(s);
    }
    this.arm();
  };

  // ----------------------------------------------------------------------------------------------
  // Slots.

  private alloc(): number {
    if (this.freeTop > 0) return this.free[--this.freeTop] as number;
    if (this.nextFresh === this.capacity) this.grow();
    const s = this.nextFresh++;
    this.dones[s] = (result: DeliveryResult) => this.finished(s, result);
    return s;
  }

  private release(s: number): void {
    this.states[s] = FREE;
    this.free[this.freeTop++] = s;
  }

  private grow(): void {
    const n = Math.max(64, this.capacity * 2);
    const f64 = (old: Float64Array): Float64Array<ArrayBuffer> => {
      const a = new Float64Array(n);
      a.set(old);
      return a;
    };
    const i32 = (old: Int32Array): Int32Array<ArrayBuffer> => {
      const a = new Int32Array(n);
      a.set(old);
      return a;
    };
    this.ids = f64(this.ids);
    this.startedAt = f64(this.startedAt);
    this.due = f64(this.due);
    this.order = f64(this.order);
    this.attempts = i32(this.attempts);
    this.free = i32(this.free);
    this.heap = i32(this.heap);
    const states = new Uint8Array(n);
    states.set(this.states);
    this.states = states;
    this.capacity = n;
  }

  // ----------------------------------------------------------------------------------------------
  // The heap of waiting slots, by (due, order).

  private push(s: number, due: number): void {
    this.due[s] = due;
    this.order[s] = this.orderSeq++;
    const h = this.heap;
    let i = this.heapSize++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const ps = h[p] as number;
      if (!this.before(s, ps)) break;
      h[i] = ps;
      i = p;
    }
    h[i] = s;
    this.arm();
  }

  private pop(): void {
    const h = this.heap;
    const n = --this.heapSize;
    if (n === 0) return;
    const last = h[n] as number;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && this.before(h[r] as number, h[c] as number)) c = r;
      if (!this.before(h[c] as number, last)) break;
      h[i] = h[c] as number;
      i = c;
    }
    h[i] = last;
  }

  private before(a: number, b: number): boolean {
    const da = this.due[a] as number;
    const db = this.due[b] as number;
    return da < db || (da === db && (this.order[a] as number) < (this.order[b] as number));
  }
}
