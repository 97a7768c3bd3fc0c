import {
  sample,
  TimeAverage,
  type Counter,
  type Distribution,
  type Rng,
  type World,
} from '../engine';

/** Aurora settings. */
export interface AuroraConfig {
  /** max_connections: queries beyond it wait for a free connection. */
  maxConnections: number;
  /** Query time on an idle database, ms. */
  queryLatency: Distribution;
  /**
   * How much slower a query gets as connections fill: its time is multiplied by
   * 1 + contention·u², u = busy / maxConnections (lock and buffer contention).
   */
  contention: number;
  /** A query that waits this long for a connection fails ("too many connections"). */
  connectionWaitTimeoutMs: number;
}

interface Pending {
  done: (ok: boolean) => void;
  enqueuedAt: number;
  settled: boolean;
}

/**
 * An Aurora database as its clients see it: a connection limit, a FIFO of queries waiting for a
 * connection, and a query time that rises as the database saturates.
 */
export class AuroraDatabase {
  readonly queries: Counter = { value: 0 };
  readonly errors: Counter = { value: 0 };
  /** Busy connections over time. */
  readonly busy: TimeAverage;
  private readonly waiting: Pending[] = [];
  private waitingHead = 0;
  /** Queries waiting for a connection now. */
  waitingCount = 0;
  private latencySumMs = 0;

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
    readonly config: AuroraConfig,
  ) {
    this.busy = new TimeAverage(world.sim.now);
  }

  /** Changes the connection limit mid-run; waiting queries take new connections at once. */
  setMaxConnections(n: number): void {
    this.config.maxConnections = n;
    this.next();
  }

  /** Runs one query; `done(true)` when it completed, `done(false)` when it gave up waiting. */
  query(done: (ok: boolean) => void): void {
    const sim = this.world.sim;
    if (this.busy.value < this.config.maxConnections) {
      this.run({ done, enqueuedAt: sim.now, settled: false });
      return;
    }
    const pending: Pending = { done, enqueuedAt: sim.now, settled: false };
    this.waiting.push(pending);
    this.waitingCount++;
    sim.schedule(
      this.config.connectionWaitTimeoutMs,
      () => {
        if (pending.settled) return;
        pending.settled = true;
        this.waitingCount--;
        this.errors.value++;
        done(false);
      },
      undefined,
    );
  }

  private run(p: Pending): void {
    const sim = this.world.sim;
    p.settled = true;
    this.busy.add(sim.now, 1);
    const u = this.busy.value / this.config.maxConnections;
    const ms = sample(this.config.queryLatency, this.rng) * (1 + this.config.contention * u * u);
    sim.schedule(
      ms,
      () => {
        this.busy.add(sim.now, -1);
        this.queries.value++;
        this.latencySumMs += sim.now - p.enqueuedAt;
        p.done(true);
        this.next();
      },
      undefined,
    );
  }

  private next(): void {
    while (this.waitingHead < this.waiting.length && this.busy.value < this.config.maxConnections) {
      const p = this.waiting[this.waitingHead++] as Pending;
      if (!p.settled) {
        this.waitingCount--;
        this.run(p);
      }
    }
    if (this.waitingHead > 1024 && this.waitingHead * 2 > this.waiting.length) {
      this.waiting.splice(0, this.waitingHead);
      this.waitingHead = 0;
    }
  }

  /** Live numbers for the badge and the CLI. */
  stats(): Record<string, number> {
    return {
      active: this.busy.value,
      maxConnections: this.config.maxConnections,
      waiting: this.waitingCount,
      queries: this.queries.value,
      meanLatencyMs:
        this.queries.value === 0
          ? 0
          : Math.round((this.latencySumMs / this.queries.value) * 100) / 100,
      errors: this.errors.value,
    };
  }
}
