import type { Simulation } from '../engine';

const BUCKET_MS = 1000;
const BUCKETS = 10;

/**
 * What a consumer got done recently, in one-second buckets over the last ten seconds: messages
 * handled well per second, and the time its invocations took, from which its capacity follows
 * (the most it could handle at its concurrency limit at the pace it works now).
 */
export class Throughput {
  private readonly done = new Float64Array(BUCKETS);
  private readonly busyMs = new Float64Array(BUCKETS);
  private readonly handled = new Float64Array(BUCKETS);
  private bucketStart = 0;
  private head = 0;

  constructor(private readonly sim: Simulation) {}

  /** An invocation that started at `startedMs` ended now, having handled `ok` messages well. */
  record(startedMs: number, ok: number, handled = Math.max(1, ok)): void {
    this.roll();
    this.done[this.head] = (this.done[this.head] ?? 0) + ok;
    this.busyMs[this.head] = (this.busyMs[this.head] ?? 0) + (this.sim.now - startedMs);
    this.handled[this.head] = (this.handled[this.head] ?? 0) + handled;
  }

  /** Messages handled well per second over the last ten seconds. */
  perSecond(): number {
    this.roll();
    let sum = 0;
    for (let i = 0; i < BUCKETS; i++) sum += this.done[i] ?? 0;
    const span = Math.min(BUCKETS * BUCKET_MS, Math.max(BUCKET_MS, this.sim.now));
    return (sum * 1000) / span;
  }

  /**
   * Messages per second `concurrency` invocations could handle at the recent pace (messages per
   * busy second × concurrency); undefined until something was handled.
   */
  capacityPerS(concurrency: number): number | undefined {
    this.roll();
    let busy = 0;
    let handled = 0;
    for (let i = 0; i < BUCKETS; i++) {
      busy += this.busyMs[i] ?? 0;
      handled += this.handled[i] ?? 0;
    }
    if (busy <= 0 || handled <= 0) return undefined;
    return (concurrency * handled * 1000) / busy;
  }

  private roll(): void {
    const now = this.sim.now;
    while (now - this.bucketStart >= BUCKET_MS) {
      this.bucketStart += BUCKET_MS;
      this.head = (this.head + 1) % BUCKETS;
      this.done[this.head] = 0;
      this.busyMs[this.head] = 0;
      this.handled[this.head] = 0;
      if (now - this.bucketStart > BUCKETS * BUCKET_MS) {
        // Long idle: jump, clearing everything.
        this.bucketStart = now - (now % BUCKET_MS);
        this.done.fill(0);
        this.busyMs.fill(0);
        this.handled.fill(0);
      }
    }
  }
}
