import {
  Histogram,
  MinHeap,
  TimeAverage,
  TimeoutQueue,
  type Counter,
  type ScheduledEvent,
  type World,
} from '../engine';

/**
 * What a consumer learns about a message when it receives it. A message *is* its id (the ledger id
 * of the business message it carries); callers keep any per-message data of their own elsewhere,
 * keyed by that id, so that the queue stores a few numbers per waiting message and nothing else.
 */
export interface SqsMessage {
  /** The ledger id the message was sent with. */
  readonly id: number;
  /** When it was first sent; retention counts from here, also in a dead-letter queue (as on AWS). */
  readonly sentAt: number;
  /**
   * What its age is measured from in this queue: `sentAt`, or in a dead-letter queue the moment it
   * was moved there (AWS's ApproximateAgeOfOldestMessage on a DLQ).
   */
  readonly ageFrom: number;
  /** Times it has been received, this receive included (ApproximateReceiveCount). */
  readonly receiveCount: number;
}

/**
 * One delivery of a message to a consumer: the message's attributes at this receive and the
 * receipt handle that can delete it. A small object, made per receive; in-flight messages are
 * bounded (about 120,000 per queue), waiting ones are not and are stored without objects.
 */
export interface Received extends SqsMessage {
  /** Receipt handle of this receive; only the latest one deletes the message. */
  readonly receipt: number;
  /** Storage slot in the queue (internal: lets delete find the message without a lookup). */
  readonly slot: number;
}

/** A long poll still waiting for messages; pass it to {@link SqsQueue.cancelReceive}. */
export interface PendingReceive {
  /** True once answered or cancelled. */
  readonly done: boolean;
}

/**
 * What the queue tells its owner about the fates it decides; the owner (a pattern's assembler)
 * records ledger fates and hops from these. Each fires exactly once per event.
 */
export interface SqsHooks {
  /**
   * The message was received maxReceiveCount times and is moving to the dead-letter queue (called
   * before the DLQ has it). `receiveCount` is its ApproximateReceiveCount at the move.
   */
  onRedrive?(id: number, receiveCount: number): void;
  /** The message outlived the retention period and is gone. */
  onExpired?(id: number): void;
  /** A ReceiveMessage handed out these messages (never called with an empty batch). */
  onReceived?(batch: readonly Received[]): void;
  /** DeleteMessage removed the message (only for a current receipt handle). */
  onDeleted?(id: number): void;
}

/** SQS standard queue settings (SetQueueAttributes / CreateQueue). */
export interface SqsConfig {
  /** VisibilityTimeout, ms (default on AWS 30 s; 0 to 12 h). */
  visibilityTimeoutMs: number;
  /** MessageRetentionPeriod, ms (AWS: 60 s to 14 days, default 4 days). */
  retentionMs: number;
  /** DelaySeconds as ms: every message sent is hidden this long first (0 to 15 min; default 0). */
  delayMs?: number;
  /** Redrive policy: receives allowed before the message moves to `deadLetterQueue` (1–1,000). */
  maxReceiveCount?: number;
  /** The dead-letter queue of the redrive policy; without one, messages are never moved. */
  deadLetterQueue?: SqsQueue;
  /**
   * Most in-flight messages (received, not deleted, not yet visible again). AWS: about 120,000 for
   * most standard queues; past it ReceiveMessage returns OverLimit (short polling) or nothing
   * (long polling).
   */
  inFlightLimit?: number;
}

/** Typed live numbers of a queue, for badges, charts and the CLI. */
export interface SqsStats {
  /** ApproximateNumberOfMessagesVisible. */
  visible: number;
  /** ApproximateNumberOfMessagesNotVisible (in flight). */
  inFlight: number;
  /** ApproximateNumberOfMessagesDelayed. */
  delayed: number;
  /** Time-averaged visible messages since the queue was made. */
  meanVisible: number;
  /** Most visible messages at any moment. */
  maxVisible: number;
  /** ApproximateAgeOfOldestMessage now, s. */
  oldestAgeS: number;
  /** The largest ApproximateAgeOfOldestMessage at any moment so far, s. */
  maxOldestAgeS: number;
  sent: number;
  received: number;
  deleted: number;
  movedToDlq: number;
  /** Messages this queue took in as a dead-letter queue. */
  movedIn: number;
  expired: number;
  /** ReceiveMessage calls refused because the in-flight limit was reached. */
  overLimit: number;
  /**
   * ReceiveMessage requests: every call is one (billed) request, however many messages (up to 10)
   * it returns, empty long polls included. (SendMessage requests are `sent`: one message a call.)
   */
  receiveRequests: number;
  /** DeleteMessage and DeleteMessageBatch requests (a batch of up to 10 entries is one request). */
  deleteRequests: number;
  /** Mean wait before the first receive, s (0 before any). */
  firstReceiveWaitMeanS: number;
  /** 99th percentile of the wait before the first receive, s (0 before any). */
  firstReceiveWaitP99S: number;
}

/** Most messages in one ReceiveMessage, and most entries in one batch request. */
export const MAX_BATCH = 10;
/** The longest long poll SQS allows (WaitTimeSeconds 20). */
export const MAX_WAIT_MS = 20_000;
/** The longest DelaySeconds (900 s). */
export const MAX_DELAY_MS = 900_000;
/** The longest visibility timeout (12 h). */
export const MAX_VISIBILITY_MS = 43_200_000;
/** The in-flight quota of most standard queues. */
export const DEFAULT_IN_FLIGHT_LIMIT = 120_000;

interface Waiter {
  max: number;
  callback: (batch: Received[]) => void;
  done: boolean;
}

// Slot states (low two bits) and the "received in this queue" flag.
const FREE = 0;
const DELAYED = 1;
const VISIBLE = 2;
const IN_FLIGHT = 3;
const PHASE = 3;
const RECEIVED_HERE = 4;
const MAX_COUNT = 65_535;

const byAge = (a: Received, b: Received): boolean =>
  a.ageFrom < b.ageFrom || (a.ageFrom === b.ageFrom && a.receipt < b.receipt);

/**
 * An SQS standard queue: send (with DelaySeconds), receive (batches of up to 10, long polling up to
 * 20 s), visibility timeout, ApproximateReceiveCount, redrive to a dead-letter queue once the
 * receive count reaches maxReceiveCount, retention expiry, the in-flight quota, and delete by the
 * current receipt handle. AWS behaviour followed:
 * - Visibility timeout: a received message stays in the queue but hidden from other consumers
 *   until it is deleted or the timeout ends, then it is visible again
 *   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html).
 * - In flight: "approximately 120,000" per standard queue; at the quota ReceiveMessage returns
 *   OverLimit with short polling and no error (no messages) with long polling
 *   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-queues.html).
 *   Modelled as a receive that hands out no messages and counts `overLimit`; a long poll keeps
 *   waiting and is answered once deletes bring the count back under the quota.
 * - Delay queues: DelaySeconds 0–900 s hides each new message when it is first added; changing it
 *   is not retroactive on a standard queue
 *   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-delay-queues.html).
 *
 * Storage: a message is a numeric id in slot-indexed typed columns (id, sent time, age origin,
 * receipt, receive count, state), grown by doubling with a free list of slots threaded through the
 * receipt column, and an Int32Array heap of visible slots ordered by age. A waiting message costs
 * about 23 bytes (31 in a dead-letter queue, whose age origin differs from the send time), and up
 * to twice that just after the columns doubled. Columns never shrink.
 *
 * Delivery order: oldest first. A standard queue promises no order; oldest-first is the common case
 * and keeps "age of oldest message" exact.
 *
 * Simplifications, on purpose: a message is redriven when its visibility timeout expires after the
 * maxReceiveCount-th receive (AWS moves it on the next receive attempt: the same deliveries, a
 * moment earlier; a visible message already over a lowered maxReceiveCount is moved when a receive
 * reaches it, as on AWS); a receipt handle stops deleting once the visibility timeout has expired;
 * an in-flight message past retention expires when its visibility timeout ends; ApproximateReceiveCount
 * saturates at 65,535 and carries over into the dead-letter queue.
 */
export class SqsQueue {
  readonly sent: Counter = { value: 0 };
  readonly received: Counter = { value: 0 };
  readonly deleted: Counter = { value: 0 };
  readonly movedToDlq: Counter = { value: 0 };
  readonly movedIn: Counter = { value: 0 };
  readonly expired: Counter = { value: 0 };
  readonly overLimit: Counter = { value: 0 };
  /** ReceiveMessage requests (each call one, empty or not): what SQS bills besides sends and deletes. */
  readonly receiveRequests: Counter = { value: 0 };
  /** DeleteMessage and DeleteMessageBatch requests (a batch of up to 10 entries is one). */
  readonly deleteRequests: Counter = { value: 0 };
  /** Visible messages over time (its time average is L for queueing checks). */
  readonly visibleCount: TimeAverage;
  /**
   * Time from a message's arrival in this queue (SendMessage, or its move into a dead-letter queue)
   * to its first ReceiveMessage here, in ms; a delay counts as waiting. One value per message: later
   * receives of the same message are not recorded.
   */
  readonly firstReceiveWait = new Histogram();
  /** What the owner is told; fields may be set after construction. */
  hooks: SqsHooks;

  // --- Columns, indexed by slot. `ageFrom` is the same array as `sentAt` until a message arrives
  // by redrive (only then do the two differ), so ordinary queues pay for one time column.
  private capacity = 0;
  private ids = new Uint32Array(0);
  private sentAt = new Float64Array(0);
  private ageFrom = this.sentAt;
  private ageSeparate = false;
  /** Receipt of the current receive; for a free slot, the next free slot + 1 (0: none). */
  private receipts = new Uint32Array(0);
  private counts = new Uint16Array(0);
  private states = new Uint8Array(0);
  private nextFresh = 0;
  private freeHead = -1;

  // --- Visible messages: a binary heap of slots by (ageFrom, id, slot).
  private heap = new Int32Array(0);
  private heapSize = 0;
  private maxVisibleSeen = 0;

  // --- Delayed messages: a binary heap of (due time, slot), its own storage.
  private delayDue = new Float64Array(0);
  private delaySlot = new Int32Array(0);
  private delaySize = 0;
  private delayEvent: ScheduledEvent | undefined;

  /** In-flight deliveries by age; entries whose receipt is no longer current are skipped lazily. */
  private readonly inFlightByAge = new MinHeap<Received>(byAge);
  private inFlightCount = 0;
  private visibility: TimeoutQueue<Received>;
  private readonly longPolls: TimeoutQueue<Waiter>;
  private waiters: Waiter[] = [];
  private waitersHead = 0;
  private receiptSeq = 0;
  private serveArmed = false;
  private expiryEvent: ScheduledEvent | undefined;
  /** Largest age a message had when it left (deleted, moved, expired): see maxOldestAgeMs. */
  private maxLeftAgeMs = 0;

  constructor(
    private readonly world: World,
    readonly name: string,
    readonly config: SqsConfig,
    hooks: SqsHooks = {},
  ) {
    checkConfig(config);
    this.hooks = hooks;
    this.visibleCount = new TimeAverage(world.sim.now);
    this.visibility = this.makeVisibility();
    this.longPolls = new TimeoutQueue(world.sim, MAX_WAIT_MS, (w) => this.endWait(w));
  }

  /**
   * Changes attributes mid-run (SetQueueAttributes): a new visibility timeout applies to messages
   * received from now on; a new delay to messages sent from now on (not retroactive on a standard
   * queue); a new retention period to every message (the expiry sweep is re-armed); a new
   * maxReceiveCount at the next visibility expiry or receive; `deadLetterQueue: undefined` removes
   * the redrive target.
   */
  reconfigure(
    config: Partial<
      Pick<
        SqsConfig,
        | 'visibilityTimeoutMs'
        | 'maxReceiveCount'
        | 'delayMs'
        | 'retentionMs'
        | 'deadLetterQueue'
        | 'inFlightLimit'
      >
    >,
  ): void {
    const next = { ...this.config, ...config };
    checkConfig(next);
    Object.assign(this.config, config);
    if ('deadLetterQueue' in config && config.deadLetterQueue === undefined)
      delete this.config.deadLetterQueue;
    if (this.visibility.durationMs !== this.config.visibilityTimeoutMs)
      this.visibility = this.makeVisibility();
    if (config.retentionMs !== undefined) {
      if (this.expiryEvent) this.world.sim.cancel(this.expiryEvent);
      this.expiryEvent = undefined;
      this.armExpiry();
    }
    if (config.inFlightLimit !== undefined) this.armServeIfWaiting();
  }

  /** Messages available to receive (ApproximateNumberOfMessagesVisible). */
  get visibleNow(): number {
    return this.heapSize;
  }

  /** Received, not yet deleted, still invisible (ApproximateNumberOfMessagesNotVisible). */
  get inFlight(): number {
    return this.inFlightCount;
  }

  /** Sent with a delay that has not ended yet (ApproximateNumberOfMessagesDelayed). */
  get delayedNow(): number {
    return this.delaySize;
  }

  /** The in-flight quota in force. */
  get inFlightLimit(): number {
    return this.config.inFlightLimit ?? DEFAULT_IN_FLIGHT_LIMIT;
  }

  /** Slots allocated for messages (capacity of the columns), for memory checks. */
  get storageSlots(): number {
    return this.capacity;
  }

  /**
   * Age in ms of the oldest message not yet deleted, visible, in flight or delayed
   * (ApproximateAgeOfOldestMessage); 0 when the queue is empty. Delayed messages are looked at by
   * the one due first, exact while the delay setting is unchanged.
   */
  oldestAgeMs(): number {
    let top = this.inFlightByAge.peek();
    while (top && !this.isCurrent(top)) {
      this.inFlightByAge.pop();
      top = this.inFlightByAge.peek();
    }
    let oldest = top ? top.ageFrom : Infinity;
    if (this.heapSize > 0)
      oldest = Math.min(oldest, this.ageFrom[this.heap[0] as number] as number);
    if (this.delaySize > 0)
      oldest = Math.min(oldest, this.ageFrom[this.delaySlot[0] as number] as number);
    return oldest === Infinity ? 0 : this.world.sim.now - oldest;
  }

  /**
   * Starts the statistics afresh (a warm-up period left out of the results): the time-averaged
   * and largest backlog, the largest age of the oldest message, the first-receive waits. The
   * counters (sent, received...) go on.
   */
  resetStatistics(): void {
    const now = this.world.sim.now;
    this.visibleCount.restart(now);
    this.maxVisibleSeen = this.visibleNow;
    this.maxLeftAgeMs = 0;
    this.firstReceiveWait.reset();
  }

  /**
   * The largest ApproximateAgeOfOldestMessage at any moment so far. Exact: the oldest message at
   * any moment is either still here (its age now is larger) or left later (its age then was).
   */
  maxOldestAgeMs(): number {
    return Math.max(this.maxLeftAgeMs, this.oldestAgeMs());
  }

  /**
   * SendMessage: message `id` (a non-negative integer below 2^32, normally the ledger id) is visible
   * at once, or after `delayMs` (a message timer; default the queue's DelaySeconds).
   */
  send(id: number, delayMs = this.config.delayMs ?? 0): void {
    if (!(id >= 0 && id <= 0xffffffff && Math.floor(id) === id))
      throw new RangeError(`message id must be an integer in 0..2^32-1, got ${id}`);
    if (!(delayMs >= 0 && delayMs <= MAX_DELAY_MS))
      throw new RangeError(`delay must be 0..${MAX_DELAY_MS} ms, got ${delayMs}`);
    this.sent.value++;
    const now = this.world.sim.now;
    const s = this.allocSlot();
    this.ids[s] = id;
    this.sentAt[s] = now;
    if (this.ageSeparate) this.ageFrom[s] = now;
    this.counts[s] = 0;
    this.receipts[s] = 0;
    if (delayMs > 0) this.delay(s, now + delayMs);
    else this.makeVisible(s, 0);
  }

  /**
   * ReceiveMessage: up to `max` (1–10) messages. With none visible, waits up to `waitMs` (long
   * polling, at most 20 s) and answers as soon as any arrive, or with an empty batch. Returns the
   * pending long poll (to cancel it), or undefined when the callback already ran.
   */
  receive(
    max: number,
    waitMs: number,
    callback: (batch: Received[]) => void,
  ): PendingReceive | undefined {
    this.receiveRequests.value++;
    const n = Math.max(1, Math.min(10, Math.floor(max)));
    const canDeliver = this.inFlightCount < this.inFlightLimit;
    if (this.heapSize > 0 && canDeliver) {
      callback(this.take(n));
      return undefined;
    }
    if (this.heapSize > 0) this.overLimit.value++;
    if (waitMs <= 0) {
      callback([]);
      return undefined;
    }
    const waiter: Waiter = { max: n, callback, done: false };
    this.waiters.push(waiter);
    // Full-length long polls share one timer queue; shorter waits (a batching window's remainder)
    // are rare enough for a plain event each.
    if (waitMs >= MAX_WAIT_MS) this.longPolls.add(waiter);
    else this.world.sim.schedule(waitMs, (w: Waiter) => this.endWait(w), waiter);
    return waiter;
  }

  /** Calls off a long poll: its callback will not run. Returns whether it was still waiting. */
  cancelReceive(pending: PendingReceive): boolean {
    const w = pending as Waiter;
    if (w.done) return false;
    w.done = true;
    return true;
  }

  /** DeleteMessage: true when `r` is the message's current receipt (a stale one deletes nothing). */
  delete(r: Received): boolean {
    this.deleteRequests.value++;
    return this.remove(r);
  }

  /**
   * DeleteMessageBatch: deletes `entries` in requests of at most 10 entries each (one billed
   * request per 10), telling `each` in order whether an entry's receipt was still current.
   */
  deleteBatch(entries: readonly Received[], each: (r: Received, deleted: boolean) => void): void {
    this.deleteRequests.value += Math.ceil(entries.length / MAX_BATCH);
    for (const r of entries) each(r, this.remove(r));
  }

  /** Removes a message by its receipt; false for a receipt that is no longer current. */
  private remove(r: Received): boolean {
    if (!this.isCurrent(r)) return false;
    const s = r.slot;
    this.inFlightCount--;
    this.deleted.value++;
    this.noteLeft(r.ageFrom);
    this.freeSlot(s);
    this.hooks.onDeleted?.(r.id);
    this.armServeIfWaiting();
    return true;
  }

  /** True while `r` is the receipt that can delete its message (the message is in flight). */
  isCurrent(r: Received): boolean {
    const s = r.slot;
    return (
      s < this.capacity &&
      ((this.states[s] as number) & PHASE) === IN_FLIGHT &&
      this.receipts[s] === r.receipt
    );
  }

  /** Live numbers for the node badge and the CLI. */
  stats(): SqsStats {
    const now = this.world.sim.now;
    const h = this.firstReceiveWait;
    return {
      visible: this.heapSize,
      inFlight: this.inFlightCount,
      delayed: this.delaySize,
      meanVisible: round3(this.visibleCount.mean(now)),
      maxVisible: this.maxVisibleSeen,
      oldestAgeS: Math.round(this.oldestAgeMs()) / 1000,
      maxOldestAgeS: Math.round(this.maxOldestAgeMs()) / 1000,
      sent: this.sent.value,
      received: this.received.value,
      deleted: this.deleted.value,
      movedToDlq: this.movedToDlq.value,
      movedIn: this.movedIn.value,
      expired: this.expired.value,
      overLimit: this.overLimit.value,
      receiveRequests: this.receiveRequests.value,
      deleteRequests: this.deleteRequests.value,
      firstReceiveWaitMeanS: h.count === 0 ? 0 : round3(h.mean() / 1000),
      firstReceiveWaitP99S: h.count === 0 ? 0 : round3(h.percentile(0.99) / 1000),
    };
  }

  // ----------------------------------------------------------------------------------------------
  // Moving messages between states.

  /** Takes a message moved here by another queue's redrive policy. */
  private acceptRedrive(id: number, sentAt: number, receiveCount: number): void {
    this.movedIn.value++;
    const now = this.world.sim.now;
    const s = this.allocSlot();
    if (!this.ageSeparate) {
      // From now on age and send time differ: give `ageFrom` its own column.
      this.ageFrom = this.sentAt.slice();
      this.ageSeparate = true;
    }
    this.ids[s] = id;
    this.sentAt[s] = sentAt;
    this.ageFrom[s] = now;
    this.counts[s] = receiveCount;
    this.receipts[s] = 0;
    if (now - sentAt >= this.config.retentionMs) {
      this.expire(s);
      return;
    }
    this.makeVisible(s, 0);
  }

  /** Makes slot `s` visible (flags kept: whether it was received here). */
  private makeVisible(s: number, flags: number): void {
    this.states[s] = VISIBLE | flags;
    this.heapPush(s);
    this.noteVisible();
    this.armExpiry();
    this.armServeIfWaiting();
  }

  private noteVisible(): void {
    const n = this.heapSize;
    this.visibleCount.set(this.world.sim.now, n);
    if (n > this.maxVisibleSeen) this.maxVisibleSeen = n;
  }

  /** Hands out up to `max` visible messages: mark them in flight, start their visibility clock. */
  private take(max: number): Received[] {
    const batch: Received[] = [];
    const now = this.world.sim.now;
    const limit = this.inFlightLimit;
    const dlq = this.config.deadLetterQueue;
    const maxReceives = this.config.maxReceiveCount;
    while (batch.length < max && this.heapSize > 0 && this.inFlightCount < limit) {
      const s = this.heapPop();
      const count = this.counts[s] as number;
      if (dlq && maxReceives !== undefined && count >= maxReceives) {
        // Over a lowered maxReceiveCount: AWS moves it when a receive reaches it.
        this.redrive(s, dlq);
        continue;
      }
      const state = this.states[s] as number;
      if ((state & RECEIVED_HERE) === 0)
        this.firstReceiveWait.record(now - (this.ageFrom[s] as number));
      const receiveCount = count < MAX_COUNT ? count + 1 : MAX_COUNT;
      this.counts[s] = receiveCount;
      this.states[s] = IN_FLIGHT | RECEIVED_HERE;
      this.receiptSeq = (this.receiptSeq + 1) >>> 0 || 1;
      this.receipts[s] = this.receiptSeq;
      const r: Received = {
        id: this.ids[s] as number,
        sentAt: this.sentAt[s] as number,
        ageFrom: this.ageFrom[s] as number,
        receiveCount,
        receipt: this.receiptSeq,
        slot: s,
      };
      this.visibility.add(r);
      this.inFlightByAge.push(r);
      this.inFlightCount++;
      this.received.value++;
      batch.push(r);
    }
    this.noteVisible();
    // Deleted or returned messages leave stale entries behind the oldest in-flight one; sweep
    // them in bulk when they outnumber the live ones, so memory stays bounded.
    if (this.inFlightByAge.size > 2 * this.inFlightCount + 1024)
      this.inFlightByAge.retain((e) => this.isCurrent(e));
    if (batch.length > 0) this.hooks.onReceived?.(batch);
    return batch;
  }

  private visibilityExpired(r: Received): void {
    if (!this.isCurrent(r)) return;
    const s = r.slot;
    this.inFlightCount--;
    this.receipts[s] = 0; // the receipt handle of that receive can no longer delete it
    const dlq = this.config.deadLetterQueue;
    const max = this.config.maxReceiveCount;
    if (dlq && max !== undefined && (this.counts[s] as number) >= max) {
      this.redrive(s, dlq);
      this.armServeIfWaiting();
      return;
    }
    if (this.world.sim.now - (this.sentAt[s] as number) >= this.config.retentionMs) {
      this.expire(s);
      this.armServeIfWaiting();
      return;
    }
    this.makeVisible(s, RECEIVED_HERE);
  }

  /** Moves slot `s` (already out of the heap / in-flight count) to the dead-letter queue. */
  private redrive(s: number, dlq: SqsQueue): void {
    const id = this.ids[s] as number;
    const sentAt = this.sentAt[s] as number;
    const count = this.counts[s] as number;
    this.movedToDlq.value++;
    this.noteLeft(this.ageFrom[s] as number);
    this.freeSlot(s);
    this.hooks.onRedrive?.(id, count);
    dlq.acceptRedrive(id, sentAt, count);
  }

  /** Slot `s` outlived retention (already out of the heap / in-flight count). */
  private expire(s: number): void {
    const id = this.ids[s] as number;
    this.expired.value++;
    this.noteLeft(this.ageFrom[s] as number);
    this.freeSlot(s);
    this.hooks.onExpired?.(id);
  }

  private noteLeft(ageFrom: number): void {
    const age = this.world.sim.now - ageFrom;
    if (age > this.maxLeftAgeMs) this.maxLeftAgeMs = age;
  }

  private makeVisibility(): TimeoutQueue<Received> {
    return new TimeoutQueue(this.world.sim, this.config.visibilityTimeoutMs, (r) =>
      this.visibilityExpired(r),
    );
  }

  // ----------------------------------------------------------------------------------------------
  // Long polls.

  private endWait(w: Waiter): void {
    if (w.done) return;
    w.done = true;
    w.callback([]);
  }

  /**
   * Long-polling consumers are answered later in this same instant, so that every message becoming
   * visible now (a batch whose visibility timeout ran out together) is in the answer.
   */
  private armServeIfWaiting(): void {
    if (
      !this.serveArmed &&
      this.waitersHead < this.waiters.length &&
      this.heapSize > 0 &&
      this.inFlightCount < this.inFlightLimit
    ) {
      this.serveArmed = true;
      this.world.sim.schedule(0, this.serveWaiters, undefined);
    }
  }

  private readonly serveWaiters = (): void => {
    this.serveArmed = false;
    const limit = this.inFlightLimit;
    while (
      this.waitersHead < this.waiters.length &&
      this.heapSize > 0 &&
      this.inFlightCount < limit
    ) {
      const w = this.waiters[this.waitersHead++] as Waiter;
      if (w.done) continue;
      w.done = true;
      w.callback(this.take(w.max));
    }
    // Drop answered and cancelled waiters at the front (cancelled ones may sit anywhere).
    while (
      this.waitersHead < this.waiters.length &&
      (this.waiters[this.waitersHead] as Waiter).done
    )
      this.waitersHead++;
    if (this.waitersHead > 256 && this.waitersHead * 2 > this.waiters.length) {
      this.waiters = this.waiters.slice(this.waitersHead);
      this.waitersHead = 0;
    }
  };

  // ----------------------------------------------------------------------------------------------
  // Delay (DelaySeconds and message timers).

  private delay(s: number, due: number): void {
    this.states[s] = DELAYED;
    if (this.delaySize === this.delayDue.length) {
      const n = Math.max(64, this.delayDue.length * 2);
      const due2 = new Float64Array(n);
      due2.set(this.delayDue);
      const slot2 = new Int32Array(n);
      slot2.set(this.delaySlot);
      this.delayDue = due2;
      this.delaySlot = slot2;
    }
    // Sift up by (due, slot).
    const dd = this.delayDue;
    const ds = this.delaySlot;
    let i = this.delaySize++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pd = dd[p] as number;
      if (pd < due || (pd === due && (ds[p] as number) < s)) break;
      dd[i] = pd;
      ds[i] = ds[p] as number;
      i = p;
    }
    dd[i] = due;
    ds[i] = s;
    this.armDelay();
  }

  private armDelay(): void {
    if (this.delaySize === 0) return;
    const due = this.delayDue[0] as number;
    const ev = this.delayEvent;
    if (ev && !ev.done) {
      if (ev.time <= due) return;
      this.world.sim.cancel(ev);
    }
    this.delayEvent = this.world.sim.atCancellable(
      Math.max(this.world.sim.now, due),
      this.delayEnded,
      undefined,
    );
  }

  private readonly delayEnded = (): void => {
    const now = this.world.sim.now;
    while (this.delaySize > 0 && (this.delayDue[0] as number) <= now) {
      const s = this.delaySlot[0] as number;
      this.delayPop();
      if (now - (this.sentAt[s] as number) >= this.config.retentionMs) this.expire(s);
      else this.makeVisible(s, 0);
    }
    this.armDelay();
  };

  private delayPop(): void {
    const dd = this.delayDue;
    const ds = this.delaySlot;
    const n = --this.delaySize;
    if (n === 0) return;
    const due = dd[n] as number;
    const slot = ds[n] as number;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (
        r < n &&
        ((dd[r] as number) < (dd[c] as number) ||
          ((dd[r] as number) === (dd[c] as number) && (ds[r] as number) < (ds[c] as number)))
      )
        c = r;
      const cd = dd[c] as number;
      if (due < cd || (due === cd && slot < (ds[c] as number))) break;
      dd[i] = cd;
      ds[i] = ds[c] as number;
      i = c;
    }
    dd[i] = due;
    ds[i] = slot;
  }

  // ----------------------------------------------------------------------------------------------
  // Retention.

  /**
   * Arms one event for the next retention expiry. Visible messages are ordered by age, which is
   * their send time outside a DLQ; in a DLQ (ordered by when they arrived there) this sweep is
   * approximate: a message is expired once it reaches the front.
   */
  private armExpiry(): void {
    if (this.heapSize === 0) return;
    const top = this.heap[0] as number;
    const at = Math.max(this.world.sim.now, (this.sentAt[top] as number) + this.config.retentionMs);
    const ev = this.expiryEvent;
    if (ev && !ev.done) {
      if (ev.time <= at) return;
      this.world.sim.cancel(ev);
    }
    this.expiryEvent = this.world.sim.atCancellable(at, this.sweepExpired, undefined);
  }

  private readonly sweepExpired = (): void => {
    const now = this.world.sim.now;
    const retention = this.config.retentionMs;
    let swept = false;
    while (this.heapSize > 0) {
      const top = this.heap[0] as number;
      // The same sum as armExpiry's deadline, so the sweep that deadline armed always expires.
      if ((this.sentAt[top] as number) + retention > now) break;
      this.heapPop();
      swept = true;
      this.expire(top);
    }
    if (swept) this.noteVisible();
    this.armExpiry();
  };

  // ----------------------------------------------------------------------------------------------
  // Slots and the visible heap.

  private allocSlot(): number {
    const head = this.freeHead;
    if (head >= 0) {
      this.freeHead = (this.receipts[head] as number) - 1;
      return head;
    }
    if (this.nextFresh === this.capacity) this.grow();
    return this.nextFresh++;
  }

  private freeSlot(s: number): void {
    this.states[s] = FREE;
    this.receipts[s] = this.freeHead + 1;
    this.freeHead = s;
  }

  private grow(): void {
    const n = Math.max(1024, this.capacity * 2);
    const grown = <T extends Uint32Array | Float64Array | Uint16Array | Uint8Array | Int32Array>(
      old: T,
      make: (n: number) => T,
    ): T => {
      const a = make(n);
      a.set(old);
      return a;
    };
    this.ids = grown(this.ids, (k) => new Uint32Array(k));
    this.sentAt = grown(this.sentAt, (k) => new Float64Array(k));
    this.ageFrom = this.ageSeparate ? grown(this.ageFrom, (k) => new Float64Array(k)) : this.sentAt;
    this.receipts = grown(this.receipts, (k) => new Uint32Array(k));
    this.counts = grown(this.counts, (k) => new Uint16Array(k));
    this.states = grown(this.states, (k) => new Uint8Array(k));
    this.heap = grown(this.heap, (k) => new Int32Array(k));
    this.capacity = n;
  }

  /** Strict order of visible slots: older first, then lower id, then lower slot. */
  private before(a: number, b: number): boolean {
    const age = this.ageFrom;
    const x = age[a] as number;
    const y = age[b] as number;
    if (x !== y) return x < y;
    const ia = this.ids[a] as number;
    const ib = this.ids[b] as number;
    return ia !== ib ? ia < ib : a < b;
  }

  private heapPush(s: number): void {
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
  }

  private heapPop(): number {
    const h = this.heap;
    const top = h[0] as number;
    const n = --this.heapSize;
    if (n === 0) return top;
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
    return top;
  }
}

function checkConfig(c: SqsConfig): void {
  if (!(c.visibilityTimeoutMs >= 0 && c.visibilityTimeoutMs <= MAX_VISIBILITY_MS))
    throw new RangeError(`visibility timeout must be 0..12 h, got ${c.visibilityTimeoutMs} ms`);
  if (!(c.retentionMs > 0)) throw new RangeError(`retention must be > 0, got ${c.retentionMs}`);
  const delay = c.delayMs ?? 0;
  if (!(delay >= 0 && delay <= MAX_DELAY_MS))
    throw new RangeError(`DelaySeconds must be 0..900 s, got ${delay} ms`);
  const max = c.maxReceiveCount;
  if (max !== undefined && !(max >= 1 && max <= 1000))
    throw new RangeError(`maxReceiveCount must be 1..1000, got ${max}`);
  const limit = c.inFlightLimit;
  if (limit !== undefined && !(limit >= 1))
    throw new RangeError(`in-flight limit must be >= 1, got ${limit}`);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
