/**
 * Memory per waiting SQS message: sends `count` messages into a queue nobody consumes and measures
 * the heap (JS heap + ArrayBuffers, where the queue's typed columns live) before and after.
 *
 * Run alone with a forced GC for a clean figure:
 *   node --expose-gc --import tsx bench/sqsMemory.ts [count]
 * Without --expose-gc the figure includes whatever garbage is still around (it says so).
 */
import { World } from '../src/engine';
import { SqsQueue } from '../src/aws/sqs';

export interface SqsMemoryResult {
  messages: number;
  /** Bytes the queue added per waiting message (heap used + array buffers). */
  bytesPerMessage: number;
  /** Total bytes added. */
  bytes: number;
  /** Storage slots the queue allocated (columns grow by doubling). */
  slots: number;
  /** Whether a GC could be forced before each reading (node --expose-gc). */
  gcForced: boolean;
  /** Wall-clock seconds to send them all. */
  sendSeconds: number;
}

const gc = (): boolean => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) return false;
  g();
  g();
  return true;
};

const used = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/** Sends `count` messages into a queue with no consumer; returns the bytes per waiting message. */
export function benchSqsMemory(count = 1_000_000): SqsMemoryResult {
  const world = new World({ seed: 1 });
  const queue = new SqsQueue(world, 'q', {
    visibilityTimeoutMs: 30_000,
    retentionMs: 4 * 86_400_000,
  });
  const gcForced = gc();
  const before = used();
  const t0 = performance.now();
  // Spread over an hour of virtual time, as a producer would send them.
  const gapMs = 3_600_000 / count;
  for (let i = 1; i <= count; i++) {
    world.sim.now = i * gapMs;
    queue.send(i);
  }
  const sendSeconds = (performance.now() - t0) / 1000;
  gc();
  const bytes = used() - before;
  if (queue.visibleNow !== count)
    throw new Error(`expected ${count} visible, got ${queue.visibleNow}`);
  return {
    messages: count,
    bytesPerMessage: bytes / count,
    bytes,
    slots: queue.storageSlots,
    gcForced,
    sendSeconds,
  };
}

/** The lines `npm run bench` would print for this figure. */
export function sqsMemoryLines(count = 1_000_000): string[] {
  const r = benchSqsMemory(count);
  return [
    `${r.bytesPerMessage.toFixed(1)} bytes per waiting message (${r.messages.toLocaleString('en-US')} messages, ${r.slots.toLocaleString('en-US')} slots, ${(r.bytes / 1e6).toFixed(1)} MB; target < 64)${r.gcForced ? '' : ' [no --expose-gc: includes uncollected garbage]'}`,
    `sent in ${r.sendSeconds.toFixed(2)} s (${Math.round(r.messages / r.sendSeconds).toLocaleString('en-US')} sends/s)`,
  ];
}

const invokedDirectly =
  typeof process !== 'undefined' &&
  process.argv[1] !== undefined &&
  /sqsMemory\.[cm]?[jt]s$/.test(process.argv[1]);
if (invokedDirectly) {
  const arg = Number(process.argv[2]);
  for (const line of sqsMemoryLines(Number.isFinite(arg) && arg > 0 ? arg : undefined))
    console.log(line);
}
