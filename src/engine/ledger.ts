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
}

/** The ledger's totals; `created === completed + deadLettered + sum(dropped) + inSystem` always. */
export interface LedgerSummary {
  created: number;
  completed: number;
  deadLettered: number;
  dropped: Partial<Record<DropReason, number>>;
  inSystem: number;
}

/**
 * The message ledger: every message ever created ends in exactly one place. Ending a message twice,
 * or ending one that was never created, is a model bug and throws at once rather than skewing the
 * totals silently.
 */
export class MessageLedger {
  private fates = new Uint8Array(1024);
  private nextId = 1;
  private completedCount = 0;
  private deadLetteredCount = 0;
  private droppedTotal = 0;
  private readonly droppedBy: Partial<Record<DropReason, number>> = {};

  /** Registers a new message and returns its id (1, 2, 3, ...). */
  create(): number {
    const id = this.nextId++;
    if (id >= this.fates.length) {
      const bigger = new Uint8Array(this.fates.length * 2);
      bigger.set(this.fates);
      this.fates = bigger;
    }
    return id;
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
    const created = this.nextId - 1;
    return {
      created,
      completed: this.completedCount,
      deadLettered: this.deadLetteredCount,
      dropped: { ...this.droppedBy },
      inSystem: created - this.completedCount - this.deadLetteredCount - this.droppedTotal,
    };
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
