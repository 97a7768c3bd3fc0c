import { HopKind, MinHeap, TimeAverage, TimeoutQueue, type Counter, type World } from '../engine';

/** A message in a queue. `id` is the ledger id of the business message it carries. */
export interface SqsMessage<B> {
  id: number;
  body: B;
  /** When it was first sent; retention counts from here, also in a DLQ (as on AWS). */
  sentAt: number;
  /**
   * What its age is measured from: `sentAt`, or in a dead-letter queue the moment it was moved
   * there (AWS's ApproximateAgeOfOldestMessage on a DLQ).
   */
  ageFrom: number;
  /** Times it has been received (ApproximateReceiveCount). */
  receiveCount: number;
  /** Sequence number of the receipt handle that can delete it now; 0 when none can. */
  receipt: number;
  deleted: boolean;
}

/** One delivery of a message to a consumer: the message and the receipt handle of this receive. */
export interface Received<B> {
  message: SqsMessage<B>;
  receipt: number;
}

/** SQS standard queue settings. */
export interface SqsConfig<B> {
  /** Visibility timeout, ms (default 30 s, 0 to 12 h). */
  visibilityTimeoutMs: number;
  /** Message retention, ms (default 4 days, 60 s to 14 days). */
  retentionMs: number;
  /** Redrive policy: receives allowed before the message moves to `deadLetterQueue` (1–1,000). */
  maxReceiveCount?: number;
  deadLetterQueue?: SqsQueue<B>;
  /**
   * A dead-letter queue is the end of the line for the ledger: its messages are already counted
   * as dead-lettered, so their later expiry is counted here only.
   */
  isDeadLetterQueue?: boolean;
  /** Edge id for the hop a message makes when it is moved to the dead-letter queue. */
  dlqEdgeId?: string;
}

interface Waiter<B> {
  max: number;
  callback: (batch: Received<B>[]) => void;
  done: boolean;
}

/** The longest long poll SQS allows (WaitTimeSeconds 20). */
export const MAX_WAIT_MS = 20_000;

const byAge = <B>(a: SqsMessage<B>, b: SqsMessage<B>): boolean =>
  a.ageFrom < b.ageFrom || (a.ageFrom === b.ageFrom && a.id < b.id);

/**
 * An SQS standard queue: send, receive (batches of up to 10, long polling up to 20 s), visibility
 * timeout, ApproximateReceiveCount, redrive to a dead-letter queue once the receive count reaches
 * maxReceiveCount, retention expiry, and delete by the current receipt handle.
 *
 * Delivery order: oldest first. A standard queue promises no order; oldest-first is the common
 * case and keeps "age of oldest message" exact.
 *
 * Simplifications, on purpose: a message is redriven when its visibility timeout expires after the
 * maxReceiveCount-th receive (AWS moves it on the next receive attempt: the same deliveries, a
 * moment earlier); a receipt handle stops deleting once the visibility timeout has expired.
 */
export class SqsQueue<B> {
  readonly sent: Counter = { value: 0 };
  readonly received: Counter = { value: 0 };
  readonly deleted: Counter = { value: 0 };
  readonly movedToDlq: Counter = { value: 0 };
  readonly expired: Counter = { value: 0 };
  /** Visible messages over time (its time average is L for queueing checks). */
  readonly visibleCount: TimeAverage;
  private readonly visible = new MinHeap<SqsMessage<B>>(byAge);
  /** In-flight deliveries by age; entries whose receipt is no longer current are skipped lazily. */
  private readonly inFlightByAge = new MinHeap<Received<B>>((a, b) => byAge(a.message, b.message));
  private inFlightCount = 0;
  private visibility: TimeoutQueue<Received<B>>;
  private readonly longPolls: TimeoutQueue<Waiter<B>>;
  private waiters: Waiter<B>[] = [];
  private waitersHead = 0;
  private receiptSeq = 0;
  private serveArmed = false;
  private expiryArmedAt = Infinity;

  constructor(
    private readonly world: World,
    readonly name: string,
    readonly config: SqsConfig<B>,
  ) {
    this.visibleCount = new TimeAverage(world.sim.now);
    this.visibility = this.makeVisibility();
    this.longPolls = new TimeoutQueue(world.sim, MAX_WAIT_MS, (w) => this.endWait(w));
  }

  /**
   * Changes settings mid-run (as SetQueueAttributes does): a new visibility timeout applies to
   * messages received from now on; a new maxReceiveCount is checked at the next expiry.
   */
  reconfigure(
    config: Partial<Pick<SqsConfig<B>, 'visibilityTimeoutMs' | 'maxReceiveCount'>>,
  ): void {
    Object.assign(this.config, config);
    if (this.visibility.durationMs !== this.config.visibilityTimeoutMs)
      this.visibility = this.makeVisibility();
  }

  /** Messages available to receive (ApproximateNumberOfMessagesVisible). */
  get visibleNow(): number {
    return this.visible.size;
  }

  /** Received, not yet deleted, still invisible (ApproximateNumberOfMessagesNotVisible). */
  get inFlight(): number {
    return this.inFlightCount;
  }

  /**
   * Age in ms of the oldest message not yet deleted, visible or in flight
   * (ApproximateAgeOfOldestMessage); 0 when the queue is empty.
   */
  oldestAgeMs(): number {
    let top = this.inFlightByAge.peek();
    while (top && top.message.receipt !== top.receipt) {
      this.inFlightByAge.pop();
      top = this.inFlightByAge.peek();
    }
    const a = this.visible.peek()?.ageFrom ?? Infinity;
    const b = top?.message.ageFrom ?? Infinity;
    const oldest = Math.min(a, b);
    return oldest === Infinity ? 0 : this.world.sim.now - oldest;
  }

  /** SendMessage: the message is visible at once. */
  send(id: number, body: B): void {
    this.sent.value++;
    const now = this.world.sim.now;
    this.enqueue({
      id,
      body,
      sentAt: now,
      ageFrom: now,
      receiveCount: 0,
      receipt: 0,
      deleted: false,
    });
  }

  /**
   * ReceiveMessage: up to `max` (1–10) messages. With none visible, waits up to `waitMs` (long
   * polling, at most 20 s) and answers as soon as any arrive, or with an empty batch.
   */
  receive(max: number, waitMs: number, callback: (batch: Received<B>[]) => void): void {
    const n = Math.max(1, Math.min(10, Math.floor(max)));
    if (this.visible.size > 0 || waitMs <= 0) {
      callback(this.take(n));
      return;
    }
    const waiter: Waiter<B> = { max: n, callback, done: false };
    this.waiters.push(waiter);
    // Full-length long polls share one timer queue; shorter waits (a batching window's remainder)
    // are rare enough for a plain event each.
    if (waitMs >= MAX_WAIT_MS) this.longPolls.add(waiter);
    else this.world.sim.schedule(waitMs, (w: Waiter<B>) => this.endWait(w), waiter);
  }

  /** DeleteMessage: true when `r` is the message's current receipt (a stale one deletes nothing). */
  delete(r: Received<B>): boolean {
    const m = r.message;
    if (m.deleted || m.receipt !== r.receipt) return false;
    m.deleted = true;
    m.receipt = 0;
    this.inFlightCount--;
    this.deleted.value++;
    return true;
  }

  /** Live numbers for the node badge and the CLI. */
  stats(): Record<string, number> {
    return {
      visible: this.visible.size,
      inFlight: this.inFlightCount,
      oldestAgeS: Math.round(this.oldestAgeMs()) / 1000,
      sent: this.sent.value,
      received: this.received.value,
      deleted: this.deleted.value,
      movedToDlq: this.movedToDlq.value,
      expired: this.expired.value,
    };
  }

  private makeVisibility(): TimeoutQueue<Received<B>> {
    return new TimeoutQueue(this.world.sim, this.config.visibilityTimeoutMs, (r) =>
      this.visibilityExpired(r),
    );
  }

  private endWait(w: Waiter<B>): void {
    if (w.done) return;
    w.done = true;
    w.callback([]);
  }

  /** Hands out up to `max` visible messages: mark them in flight, start their visibility clock. */
  private take(max: number): Received<B>[] {
    const batch: Received<B>[] = [];
    const now = this.world.sim.now;
    while (batch.length < max && this.visible.size > 0) {
      const m = this.visible.pop() as SqsMessage<B>;
      m.receiveCount++;
      m.receipt = ++this.receiptSeq;
      const r: Received<B> = { message: m, receipt: m.receipt };
      this.visibility.add(r);
      this.inFlightByAge.push(r);
      this.inFlightCount++;
      this.received.value++;
      batch.push(r);
    }
    this.visibleCount.set(now, this.visible.size);
    // Deleted or returned messages leave stale entries behind the oldest in-flight one; sweep
    // them in bulk when they outnumber the live ones, so memory stays bounded.
    if (this.inFlightByAge.size > 2 * this.inFlightCount + 1024) {
      this.inFlightByAge.retain((e) => e.message.receipt === e.receipt);
    }
    return batch;
  }

  private visibilityExpired(r: Received<B>): void {
    const m = r.message;
    if (m.deleted || m.receipt !== r.receipt) return;
    this.inFlightCount--;
    m.receipt = 0; // the receipt handle of that receive can no longer delete it
    const dlq = this.config.deadLetterQueue;
    const max = this.config.maxReceiveCount;
    if (dlq && max !== undefined && m.receiveCount >= max) {
      m.deleted = true; // gone from this queue
      this.movedToDlq.value++;
      this.world.ledger.deadLetter(m.id);
      const now = this.world.sim.now;
      if (this.config.dlqEdgeId)
        this.world.hops.record(m.id, this.config.dlqEdgeId, now, now + 50, HopKind.Failure);
      dlq.enqueue({ ...m, ageFrom: now, receipt: 0, deleted: false });
      return;
    }
    if (this.world.sim.now - m.sentAt >= this.config.retentionMs) {
      m.deleted = true;
      this.expire(m);
      return;
    }
    this.enqueue(m);
  }

  private enqueue(m: SqsMessage<B>): void {
    this.visible.push(m);
    this.visibleCount.set(this.world.sim.now, this.visible.size);
    this.armExpiry();
    // Long-polling consumers are answered later in this same instant, so that every message
    // becoming visible now (a batch whose visibility timeout ran out together) is in the answer.
    if (!this.serveArmed && this.waitersHead < this.waiters.length) {
      this.serveArmed = true;
      this.world.sim.schedule(0, this.serveWaiters, undefined);
    }
  }

  private readonly serveWaiters = (): void => {
    this.serveArmed = false;
    while (this.waitersHead < this.waiters.length && this.visible.size > 0) {
      const w = this.waiters[this.waitersHead++] as Waiter<B>;
      if (w.done) continue;
      w.done = true;
      w.callback(this.take(w.max));
    }
    if (this.waitersHead > 256 && this.waitersHead * 2 > this.waiters.length) {
      this.waiters = this.waiters.slice(this.waitersHead);
      this.waitersHead = 0;
    }
  };

  /**
   * Arms one event for the next retention expiry. Visible messages are ordered by age, which is
   * their send time outside a DLQ; in a DLQ (ordered by when they arrived there) this sweep is
   * approximate, and only counts (the ledger already has their fate).
   */
  private armExpiry(): void {
    const oldest = this.visible.peek();
    if (!oldest) return;
    const at = Math.max(this.world.sim.now, oldest.sentAt + this.config.retentionMs);
    if (at >= this.expiryArmedAt) return;
    this.expiryArmedAt = at;
    this.world.sim.at(at, this.sweepExpired, undefined);
  }

  private readonly sweepExpired = (): void => {
    const now = this.world.sim.now;
    if (now < this.expiryArmedAt) return; // a superseded, earlier-armed sweep
    this.expiryArmedAt = Infinity;
    let oldest = this.visible.peek();
    while (oldest && now - oldest.sentAt >= this.config.retentionMs) {
      this.visible.pop();
      oldest.deleted = true;
      this.expire(oldest);
      oldest = this.visible.peek();
    }
    this.visibleCount.set(now, this.visible.size);
    this.armExpiry();
  };

  private expire(m: SqsMessage<B>): void {
    this.expired.value++;
    if (!this.config.isDeadLetterQueue) this.world.ledger.drop(m.id, 'expired');
  }
}
