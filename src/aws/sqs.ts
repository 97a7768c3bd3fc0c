import { HopKind, MinHeap, TimeAverage, TimeoutQueue, type Counter, type World } from '../engine';

/** A message in a queue. `id` is the ledger id of the business message it carries. */
export interface SqsMessage<B> {
  id: number;
  body: B;
  /** When it was first sent (kept when moved to a DLQ, as on AWS). */
  sentAt: number;
  /** Times it has been received (ApproximateReceiveCount). */
  receiveCount: number;
  /** Sequence number of the latest receipt handle; only that one deletes the message. */
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

/**
 * An SQS standard queue: send, receive (batches of up to 10, long polling up to 20 s), visibility
 * timeout, ApproximateReceiveCount, redrive to a dead-letter queue once the receive count reaches
 * maxReceiveCount, retention expiry, and delete by the latest receipt handle.
 *
 * Delivery order: oldest first. A standard queue promises no order; oldest-first is the common
 * case and keeps "age of oldest message" exact.
 */
export class SqsQueue<B> {
  readonly sent: Counter = { value: 0 };
  readonly received: Counter = { value: 0 };
  readonly deleted: Counter = { value: 0 };
  readonly movedToDlq: Counter = { value: 0 };
  readonly expired: Counter = { value: 0 };
  /** Visible messages over time (its time average is L for queueing checks). */
  readonly visibleCount: TimeAverage;
  private readonly visible = new MinHeap<SqsMessage<B>>(
    (a, b) => a.sentAt < b.sentAt || (a.sentAt === b.sentAt && a.id < b.id),
  );
  private inFlightCount = 0;
  private visibility: TimeoutQueue<Received<B>>;
  private waiters: Waiter<B>[] = [];
  private receiptSeq = 0;
  private expiryArmedAt = Infinity;

  constructor(
    private readonly world: World,
    readonly name: string,
    readonly config: SqsConfig<B>,
  ) {
    this.visibleCount = new TimeAverage(world.sim.now);
    this.visibility = new TimeoutQueue(world.sim, config.visibilityTimeoutMs, (r) =>
      this.visibilityExpired(r),
    );
  }

  /**
   * Changes settings mid-run (as SetQueueAttributes does): a new visibility timeout applies to
   * messages received from now on; a new maxReceiveCount is checked at the next expiry.
   */
  reconfigure(
    config: Partial<Pick<SqsConfig<B>, 'visibilityTimeoutMs' | 'maxReceiveCount' | 'retentionMs'>>,
  ): void {
    Object.assign(this.config, config);
    if (this.visibility.durationMs !== this.config.visibilityTimeoutMs) {
      this.visibility = new TimeoutQueue(this.world.sim, this.config.visibilityTimeoutMs, (r) =>
        this.visibilityExpired(r),
      );
    }
  }

  /** Messages available to receive (ApproximateNumberOfMessagesVisible). */
  get visibleNow(): number {
    return this.visible.size;
  }

  /** Received, not yet deleted, still invisible (ApproximateNumberOfMessagesNotVisible). */
  get inFlight(): number {
    return this.inFlightCount;
  }

  /** Age of the oldest visible message in ms (ApproximateAgeOfOldestMessage), 0 when empty. */
  oldestAgeMs(): number {
    const oldest = this.visible.peek();
    return oldest ? this.world.sim.now - oldest.sentAt : 0;
  }

  /** SendMessage: the message is visible at once. */
  send(id: number, body: B): void {
    this.sent.value++;
    this.enqueue({
      id,
      body,
      sentAt: this.world.sim.now,
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
    this.world.sim.schedule(
      Math.min(waitMs, 20_000),
      () => {
        if (waiter.done) return;
        waiter.done = true;
        this.waiters = this.waiters.filter((w) => w !== waiter);
        callback([]);
      },
      undefined,
    );
  }

  /** DeleteMessage: true when `r` is the message's latest receipt (a stale one deletes nothing). */
  delete(r: Received<B>): boolean {
    const m = r.message;
    if (m.deleted || m.receipt !== r.receipt) return false;
    m.deleted = true;
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

  /** Receives from a waiting consumer's point of view: mark invisible, start the visibility clock. */
  private take(max: number): Received<B>[] {
    const batch: Received<B>[] = [];
    const now = this.world.sim.now;
    while (batch.length < max && this.visible.size > 0) {
      const m = this.visible.pop() as SqsMessage<B>;
      m.receiveCount++;
      m.receipt = ++this.receiptSeq;
      const r: Received<B> = { message: m, receipt: m.receipt };
      this.visibility.add(r);
      this.inFlightCount++;
      this.received.value++;
      batch.push(r);
    }
    this.visibleCount.set(now, this.visible.size);
    return batch;
  }

  private visibilityExpired(r: Received<B>): void {
    const m = r.message;
    if (m.deleted || m.receipt !== r.receipt) return;
    this.inFlightCount--;
    const dlq = this.config.deadLetterQueue;
    const max = this.config.maxReceiveCount;
    if (dlq && max !== undefined && m.receiveCount >= max) {
      // Gone from this queue: a late DeleteMessage with the old receipt must not complete it.
      m.deleted = true;
      this.movedToDlq.value++;
      this.world.ledger.deadLetter(m.id);
      if (this.config.dlqEdgeId) {
        const now = this.world.sim.now;
        this.world.hops.record(m.id, this.config.dlqEdgeId, now, now + 50, HopKind.Failure);
      }
      dlq.enqueue({ ...m, receipt: 0, deleted: false });
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
    // Long-polling consumers get the message at once, oldest waiter first.
    while (this.waiters.length > 0 && this.visible.size > 0) {
      const w = this.waiters.shift() as Waiter<B>;
      if (w.done) continue;
      w.done = true;
      w.callback(this.take(w.max));
    }
  }

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
