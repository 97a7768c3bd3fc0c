import type { ScheduledEvent, Simulation } from '../engine';
import type { InvocationFailure, InvocationResult, InvocationSuccess } from './lambda';

/**
 * Asynchronous invocation (InvocationType Event): the function's internal event queue.
 *
 * AWS behaviour followed:
 * - "Invoking a Lambda function asynchronously"
 *   (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html): Lambda places the event
 *   in a queue and returns a success response (202) at once; a separate process reads events from
 *   the queue and sends them to the function.
 * - "How Lambda handles errors and retries with asynchronous invocation"
 *   (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html): on a
 *   function error (including a timeout) Lambda runs the function two more times by default,
 *   waiting one minute before the second attempt and two minutes before the third. When the
 *   function lacks concurrency the request is throttled, and for throttles (429) Lambda returns
 *   the event to the queue and tries again for up to 6 hours by default, the retry interval
 *   growing exponentially from 1 second to at most 5 minutes ("If the queue contains many
 *   entries, Lambda increases the retry interval and reduces the rate at which it reads events
 *   from the queue"). Events that expire or fail every attempt are discarded.
 * - "Configuring error handling settings for Lambda asynchronous invocations"
 *   (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html) and
 *   PutFunctionEventInvokeConfig: MaximumRetryAttempts 0–2, MaximumEventAgeInSeconds 60–21,600.
 * - "Capturing records of Lambda asynchronous invocations"
 *   (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html): an
 *   on-success destination gets successful invocations, an on-failure destination or a
 *   dead-letter queue gets events that fail all attempts or expire. Here both are callbacks; the
 *   caller decides what they mean (the model never touches the ledger). Same page: with reserved
 *   concurrency set to zero, "Lambda begins sending new events to the configured dead-letter
 *   queue or the on-failure event destination, without any retries" (reported here as
 *   'retriesExhausted' with the throttle as the last error).
 *
 * Model: events wait in a FIFO; a pump invokes the head while the function accepts invocations.
 * A throttle leaves the event at the head and puts the pump to sleep for the backoff (1 s,
 * doubling, at most 5 min; reset by a successful start); an invocation of this function ending
 * wakes it at once, since capacity just came free. An event whose retry is due is appended to
 * the FIFO. One timer, armed for the oldest waiting event, discards events at their maximum age
 * (a retry timer it makes moot is cancelled).
 */

/** Delay before each retry after a function error (AWS: 1 minute, then 2 minutes). */
export const ASYNC_RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000];
/** First and largest interval between attempts of a throttled event (1 s, up to 5 min). */
export const ASYNC_THROTTLE_BACKOFF_MS = { first: 1000, max: 300_000 } as const;
/** MaximumRetryAttempts: default and allowed range. */
export const ASYNC_RETRY_ATTEMPTS = { default: 2, min: 0, max: 2 } as const;
/** MaximumEventAgeInSeconds in ms: default (6 h) and allowed range (60 s – 6 h). */
export const ASYNC_EVENT_AGE_MS = { default: 21_600_000, min: 60_000, max: 21_600_000 } as const;

/** Why an asynchronous event went to the on-failure destination / dead-letter queue. */
export type AsyncFailureReason = 'retriesExhausted' | 'expired';

/** What happens to an asynchronously invoked event, reported to whoever invoked it. */
export interface AsyncInvokeCallbacks<E> {
  /** The function succeeded (on-success destination). */
  onSuccess?(event: E, result: InvocationSuccess): void;
  /**
   * The event failed every attempt, or got older than the maximum event age first (on-failure
   * destination or dead-letter queue). `lastError` is the last failed attempt or throttle, if
   * any.
   */
  onFailure?(event: E, reason: AsyncFailureReason, lastError: InvocationFailure | undefined): void;
  /** An invocation attempt started (1 for the first, 2 for the first retry...). */
  onAttempt?(event: E, attempt: number): void;
}

/** What the queue needs from its function. */
export interface AsyncTarget<E> {
  /** Starts an invocation, or returns the throttle without calling `done`. */
  tryInvoke(event: E, done: (result: InvocationResult) => void): InvocationFailure | undefined;
  /** MaximumRetryAttempts now. */
  readonly maximumRetryAttempts: number;
  /** MaximumEventAgeInSeconds now, in ms. */
  readonly maximumEventAgeMs: number;
  /** Reserved concurrency now (undefined: none). */
  readonly reservedConcurrency: number | undefined;
}

const READY = 0;
const WAITING = 1;
const RUNNING = 2;
const DONE = 3;
type EntryState = typeof READY | typeof WAITING | typeof RUNNING | typeof DONE;

interface Entry<E> {
  readonly event: E;
  readonly callbacks: AsyncInvokeCallbacks<E>;
  readonly enqueuedAt: number;
  state: EntryState;
  /** Invocation attempts started (throttles not included). */
  attempts: number;
  lastError: InvocationFailure | undefined;
  /** Pending retry timer while WAITING. */
  timer: ScheduledEvent | undefined;
}

/** Counters of a function's asynchronous invocations. */
export interface AsyncQueueCounters {
  accepted: number;
  succeeded: number;
  /** Retry attempts started after a function error (throttles count as the function's). */
  retries: number;
  droppedRetriesExhausted: number;
  droppedExpired: number;
}

/** A function's internal queue for asynchronous invocations. */
export class AsyncEventQueue<E> {
  readonly counters: AsyncQueueCounters = {
    accepted: 0,
    succeeded: 0,
    retries: 0,
    droppedRetriesExhausted: 0,
    droppedExpired: 0,
  };
  /** Events READY to be sent, oldest first (lazy deletion: skip entries not READY). */
  private ready: Entry<E>[] = [];
  private readyHead = 0;
  /** Every event not yet finished, in arrival order: the expiry timer walks it. */
  private byAge: Entry<E>[] = [];
  private ageHead = 0;
  /** Events waiting in the queue (READY or WAITING), not running. */
  private queued = 0;
  private pumpTimer: ScheduledEvent | undefined;
  /** The pump sleeps after a throttle until this time (or until capacity comes free). */
  private backoffUntil = 0;
  private throttleStreak = 0;
  private expiryTimer: ScheduledEvent | undefined;

  constructor(
    private readonly sim: Simulation,
    private readonly target: AsyncTarget<E>,
  ) {}

  /** Events waiting in the queue (not counting the ones running). */
  get size(): number {
    return this.queued;
  }

  /** Age in ms of the oldest event waiting in the queue (0 when empty). */
  oldestAgeMs(): number {
    if (this.queued === 0) return 0;
    for (let i = this.ageHead; i < this.byAge.length; i++) {
      const e = this.byAge[i] as Entry<E>;
      if (e.state === READY || e.state === WAITING) return this.sim.now - e.enqueuedAt;
    }
    return 0;
  }

  /** Queues an event; it is sent to the function as soon as the pump gets to it. */
  enqueue(event: E, callbacks: AsyncInvokeCallbacks<E>): void {
    const entry: Entry<E> = {
      event,
      callbacks,
      enqueuedAt: this.sim.now,
      state: READY,
      attempts: 0,
      lastError: undefined,
      timer: undefined,
    };
    this.counters.accepted++;
    this.queued++;
    this.byAge.push(entry);
    this.ready.push(entry);
    if (!this.expiryTimer) this.armExpiry();
    this.requestPump(false);
  }

  /** An invocation of the function ended: capacity is free, so stop any throttle backoff. */
  capacityFreed(): void {
    if (this.readyHead < this.ready.length) this.requestPump(true);
  }

  /** The maximum event age changed: re-arm the expiry timer. */
  settingsChanged(): void {
    if (this.expiryTimer) this.sim.cancel(this.expiryTimer);
    this.expiryTimer = undefined;
    this.armExpiry();
  }

  /** Schedules the pump now (or, while backing off after a throttle, when the backoff ends). */
  private requestPump(wake: boolean): void {
    const now = this.sim.now;
    if (wake) {
      this.backoffUntil = now;
      if (this.pumpTimer && !this.pumpTimer.done && this.pumpTimer.time > now) {
        this.sim.cancel(this.pumpTimer);
        this.pumpTimer = undefined;
      }
    }
    if (this.pumpTimer && !this.pumpTimer.done) return;
    this.pumpTimer = this.sim.scheduleCancellable(
      Math.max(0, this.backoffUntil - now),
      this.pump,
      undefined,
    );
  }

  private readonly pump = (): void => {
    this.pumpTimer = undefined;
    while (this.readyHead < this.ready.length) {
      const entry = this.ready[this.readyHead] as Entry<E>;
      if (entry.state !== READY) {
        this.readyHead++;
        continue;
      }
      if (this.expired(entry)) {
        this.readyHead++;
        this.expire(entry);
        continue;
      }
      const attempt = entry.attempts + 1;
      const throttled = this.target.tryInvoke(entry.event, (result) =>
        this.finished(entry, result),
      );
      if (throttled && this.target.reservedConcurrency === 0) {
        // Reserved concurrency 0 on AWS sends new events straight to the DLQ / on-failure
        // destination, without any retries.
        this.readyHead++;
        entry.state = DONE;
        entry.lastError = throttled;
        this.queued--;
        this.counters.droppedRetriesExhausted++;
        entry.callbacks.onFailure?.(entry.event, 'retriesExhausted', throttled);
        continue;
      }
      if (throttled) {
        // Back to the queue: the event keeps its place; the pump sleeps with a growing interval.
        entry.lastError = throttled;
        const backoff = Math.min(
          ASYNC_THROTTLE_BACKOFF_MS.first * 2 ** this.throttleStreak,
          ASYNC_THROTTLE_BACKOFF_MS.max,
        );
        this.throttleStreak++;
        this.backoffUntil = this.sim.now + backoff;
        if (this.pumpTimer) this.sim.cancel(this.pumpTimer); // one queued by a re-entrant call
        this.pumpTimer = this.sim.scheduleCancellable(backoff, this.pump, undefined);
        break;
      }
      this.throttleStreak = 0;
      this.readyHead++;
      entry.state = RUNNING;
      entry.attempts = attempt;
      this.queued--;
      if (attempt > 1) this.counters.retries++;
      entry.callbacks.onAttempt?.(entry.event, attempt);
    }
    this.compact();
  };

  private finished(entry: Entry<E>, result: InvocationResult): void {
    if (result.ok) {
      entry.state = DONE;
      this.counters.succeeded++;
      entry.callbacks.onSuccess?.(entry.event, result);
      return;
    }
    entry.lastError = result;
    const retriesSoFar = entry.attempts - 1;
    if (retriesSoFar >= this.target.maximumRetryAttempts) {
      entry.state = DONE;
      this.counters.droppedRetriesExhausted++;
      entry.callbacks.onFailure?.(entry.event, 'retriesExhausted', result);
      return;
    }
    if (this.expired(entry)) {
      this.expire(entry);
      return;
    }
    const delay =
      ASYNC_RETRY_DELAYS_MS[retriesSoFar] ??
      (ASYNC_RETRY_DELAYS_MS[ASYNC_RETRY_DELAYS_MS.length - 1] as number);
    entry.state = WAITING;
    this.queued++;
    entry.timer = this.sim.scheduleCancellable(delay, this.retryDue, entry);
    // The expiry timer may have passed this entry while it ran: make sure it is watched.
    if (!this.expiryTimer) this.armExpiry();
  }

  private readonly retryDue = (entry: Entry<E>): void => {
    entry.timer = undefined;
    if (entry.state !== WAITING) return;
    if (this.expired(entry)) {
      this.expire(entry);
      return;
    }
    entry.state = READY;
    this.ready.push(entry);
    this.requestPump(false);
  };

  private expired(entry: Entry<E>): boolean {
    return this.sim.now - entry.enqueuedAt >= this.target.maximumEventAgeMs;
  }

  /** Discards a READY or WAITING (or just-failed RUNNING) event as too old. */
  private expire(entry: Entry<E>): void {
    if (entry.state === READY || entry.state === WAITING) this.queued--;
    if (entry.timer) {
      this.sim.cancel(entry.timer);
      entry.timer = undefined;
    }
    entry.state = DONE;
    this.counters.droppedExpired++;
    entry.callbacks.onFailure?.(entry.event, 'expired', entry.lastError);
  }

  /** Arms the expiry timer for the oldest event still waiting in the queue. */
  private armExpiry(): void {
    const now = this.sim.now;
    const maxAge = this.target.maximumEventAgeMs;
    while (this.ageHead < this.byAge.length) {
      const e = this.byAge[this.ageHead] as Entry<E>;
      if (e.state === DONE) {
        this.ageHead++;
        continue;
      }
      const deadline = e.enqueuedAt + maxAge;
      if (e.state === RUNNING) {
        // A running event is checked when it ends; only skip it once its deadline has passed
        // (until then an older-than-the-rest event could still come back).
        if (deadline <= now) {
          this.ageHead++;
          continue;
        }
      }
      this.expiryTimer = this.sim.atCancellable(Math.max(now, deadline), this.expiryDue, undefined);
      return;
    }
  }

  private readonly expiryDue = (): void => {
    this.expiryTimer = undefined;
    const now = this.sim.now;
    const maxAge = this.target.maximumEventAgeMs;
    while (this.ageHead < this.byAge.length) {
      const e = this.byAge[this.ageHead] as Entry<E>;
      if (e.enqueuedAt + maxAge > now) break;
      this.ageHead++;
      if (e.state === READY || e.state === WAITING) this.expire(e);
    }
    this.compact();
    this.armExpiry();
  };

  /** Drops consumed prefixes once they dominate, keeping shifts amortised O(1). */
  private compact(): void {
    if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.readyHead);
      this.readyHead = 0;
    }
    if (this.ageHead > 1024 && this.ageHead * 2 > this.byAge.length) {
      this.byAge = this.byAge.slice(this.ageHead);
      this.ageHead = 0;
    }
  }
}
