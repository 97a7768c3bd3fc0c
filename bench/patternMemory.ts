/**
 * Memory of a whole run with a large backlog: message-decoupling-sqs at 5,000 payments/s for
 * ten simulated minutes against a Sales side of two concurrent invocations, so nearly every
 * payment waits in the queue. Prints the heap the run holds per waiting message, everything
 * included (the queue's columns, the kit's per-message columns, the ledger, the models).
 *
 *   node --expose-gc --import tsx bench/patternMemory.ts
 */
import { createRun, defaultParams, findPattern } from '../src/patterns';

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

/** The lines `npm run bench` prints. */
export function patternMemoryLines(simS = 600): string[] {
  const pattern = findPattern('message-decoupling-sqs');
  if (!pattern) throw new Error('message-decoupling-sqs is not registered');
  const params = { ...defaultParams(pattern), paymentRate: 5000, salesConcurrency: 2 };
  const gcForced = gc();
  const before = used();
  const run = createRun(pattern, params, { seed: 1 });
  const t0 = performance.now();
  run.advanceTo(simS * 1000);
  const seconds = (performance.now() - t0) / 1000;
  gc();
  const bytes = used() - before;
  const queue = run.nodeStats().salesQueue ?? {};
  const waiting = (queue.visible ?? 0) + (queue.inFlight ?? 0);
  const created = run.world.ledger.summary().created;
  return [
    `${(bytes / waiting).toFixed(1)} bytes per waiting message in a whole run (${waiting.toLocaleString('en-US')} waiting of ${created.toLocaleString('en-US')} payments, ${(bytes / 1e6).toFixed(0)} MB; was ~220 before the kit)${gcForced ? '' : ' [no --expose-gc]'}`,
    `${simS} s simulated at 5,000 payments/s in ${seconds.toFixed(1)} s of wall time`,
  ];
}

const invokedDirectly =
  typeof process !== 'undefined' &&
  process.argv[1] !== undefined &&
  /patternMemory\.[cm]?[jt]s$/.test(process.argv[1]);
if (invokedDirectly) for (const line of patternMemoryLines()) console.log(line);
