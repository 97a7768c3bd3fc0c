/** Why a message left the system without completing. */
export type DropReason =
  | 'throttled'
  | 'timedOut'
  | 'error'
  | 'noSubscriber'
  | 'filteredOut'
  | 'expired'
  | 'retriesExhausted'
  | 'subscriberDown';

/** Where a message ended. */
export const enum Fate {
  InSystem = 0,
  Completed = 1,
  Dropped = 2,
  DeadLettered = 3,
  /** Published to several subscribers or targets: each delivery is a message of its own. */
  FannedOut = 4,
}

/**
 * The ledger's totals. Always
 * `created + deliveries === completed + deadLettered + sum(dropped) + fannedOut + inSystem`.
 */
export interface LedgerSummary {
  /** Messages that entered the system (publishes, requests). */
  created: number;
  /** Deliveries made by fan-out: one per subscription or target a message was sent to. */
  deliveries: number;
  completed: number;
  deadLettered: number;
  dropped: Partial<Record<DropReason, number>>;
  /** Messages that ended by fanning out into `deliveries`. */
  fannedOut: number;
  inSystem: number;
}

/**
 * The message ledger: every message ever created ends in exactly one place. Ending a message twice,
 * or ending one that was never created, is a model bug and throws at once rather than skewing the
 * totals silently.
 *
 * Fan-out: a message published to several subscribers ends as "fanned out", and each delivery is
 * a new message (with its parent recorded) that gets a fate of its own: delivered, filtered out,
 * lost with a reason, dead-lettered. The totals still balance, delivery by delivery.
 */
export class MessageLedger {
  private fates = new Uint8Array(1024);
  /** The message each delivery was fanned out from (0 for messages that entered the system). */
  private parents = new Uint32Array(1024);
  private nextId = 1;
  private deliveryCount = 0;
  private fannedOutCount = 0;
  private completedCount = 0;
  private deadLetteredCount = 0;
  private droppedTotal = 0;
  private readonly droppedBy: Partial<Record<DropReason, number>> = {};

  /** Registers a new message and returns its id (1, 2, 3, ...). */
  create(): number {
    const id = this.nextId++;
    if (id >= this.fates.length) this.grow(id);
    return id;
  }

  /**
   * Ends message `id` as fanned out into `count` deliveries and returns the first delivery's id;
   * the deliveries are `first … first + count − 1`. With `count` 0 the message is dropped as
   * having no subscriber instead (nothing was delivered).
   */
  fanOut(id: number, count: number): number {
    if (count <= 0) {
      this.drop(id, 'noSubscriber');
      return 0;
    }
    this.end(id, Fate.FannedOut);
    this.fannedOutCount++;
    const first = this.nextId;
    for (let i = 0; i < count; i++) {
      const child = this.create();
      this.parents[child] = id;
    }
    this.deliveryCount += count;
    return first;
  }

  /** The message a delivery was fanned out from, or 0 for one that entered the system. */
  parentOf(id: number): number {
    return this.parents[id] ?? 0;
  }

  /** The message that entered the system that `id` descends from (itself if none). */
  rootOf(id: number): number {
    let at = id;
    for (let p = this.parentOf(at); p !== 0; p = this.parentOf(at)) at = p;
    return at;
  }

  /** The message reached its final destination. */
  complete(id: number): void {
    this.end(id, Fate.Completed);
    this.completedCount++;
  }

  /** The message was lost or refused, for `reason`. */
  drop(id: number, reason: DropReason): void {
    this.end(id, Fate.Dropped);
    this.droppedTotal++;
    this.droppedBy[reason] = (this.droppedBy[reason] ?? 0) + 1;
  }

  /** The message was moved to a dead-letter queue. */
  deadLetter(id: number): void {
    this.end(id, Fate.DeadLettered);
    this.deadLetteredCount++;
  }

  /** Where message `id` is now. */
  fateOf(id: number): Fate {
    return (this.fates[id] ?? 0) as Fate;
  }

  /** Totals; balanced by construction and checked by tests. */
  summary(): LedgerSummary {
    const all = this.nextId - 1;
    return {
      created: all - this.deliveryCount,
      deliveries: this.deliveryCount,
      completed: this.completedCount,
      deadLettered: this.deadLetteredCount,
      dropped: { ...this.droppedBy },
      fannedOut: this.fannedOutCount,
      inSystem:
        all -
        this.completedCount -
        this.deadLetteredCount -
        this.droppedTotal -
        this.fannedOutCount,
    };
  }

  /**
   * Messages still in the system, counted one by one from their fates (not derived from the
   * totals): tests compare it with `summary().inSystem` and expect it to drain to zero.
   */
  countInSystem(): number {
    let n = 0;
    const fates = this.fates;
    for (let id = 1; id < this.nextId; id++) if (fates[id] === Fate.InSystem) n++;
    return n;
  }

  private grow(id: number): void {
    let size = this.fates.length;
    while (size <= id) size *= 2;
    const fates = new Uint8Array(size);
    fates.set(this.fates);
    this.fates = fates;
    const parents = new Uint32Array(size);
    parents.set(this.parents);
    this.parents = parents;
  }

  private end(id: number, fate: Fate): void {
    if (!(id >= 1 && id < this.nextId)) throw new Error(`ledger: message ${id} was never created`);
    if (this.fates[id] !== Fate.InSystem) {
      throw new Error(
        `ledger: message ${id} already ended (fate ${this.fates[id]}), cannot end it again`,
      );
    }
    this.fates[id] = fate;
  }
}
