/**
 * Engine throughput: an M/M/1 run of 1,000,000 customers on the project's kernel (Simulation +
 * Station), against a minimal binary-heap event loop written inline as the reference.
 */
import { Simulation, Station } from '../src/engine';

const CUSTOMERS = 1_000_000;
const LAMBDA = 0.08; // per ms
const MEAN_SERVICE = 10; // ms

/** The same M/M/1 model code as the reference, on the project's kernel (Simulation + Rng). */
export function benchKernel(): {
  events: number;
  seconds: number;
  eventsPerS: number;
  meanWaitMs: number;
} {
  const sim = new Simulation(1);
  const rng = sim.rng.split('a');
  const waiting: number[] = [];
  let head = 0;
  let busy = false;
  let left = CUSTOMERS;
  let sojournSum = 0;
  let served = 0;
  const done = (arrivedAt: number): void => {
    busy = false;
    sojournSum += sim.now - arrivedAt;
    served++;
    if (head < waiting.length) startService(waiting[head++] as number);
  };
  const startService = (arrivedAt: number): void => {
    busy = true;
    sim.schedule(rng.exponential(MEAN_SERVICE), done, arrivedAt);
  };
  const arrive = (): void => {
    if (busy) waiting.push(sim.now);
    else startService(sim.now);
    if (--left > 0) sim.schedule(rng.exponential(1 / LAMBDA), arrive, undefined);
  };
  sim.schedule(0, arrive, undefined);
  const t0 = performance.now();
  while (sim.step());
  const seconds = (performance.now() - t0) / 1000;
  return {
    events: sim.eventsRun,
    seconds,
    eventsPerS: sim.eventsRun / seconds,
    meanWaitMs: sojournSum / served,
  };
}

/** The engine with its full queueing station (L, Lq, W, Wq histograms and time averages). */
export function benchEngine(): {
  events: number;
  seconds: number;
  eventsPerS: number;
  meanWaitMs: number;
} {
  const sim = new Simulation(1);
  const station = new Station(sim, sim.rng.split('s'), {
    servers: 1,
    service: { kind: 'exponential', mean: MEAN_SERVICE },
  });
  const arrivals = sim.rng.split('a');
  let left = CUSTOMERS;
  const arrive = (): void => {
    station.arrive(null);
    if (--left > 0) sim.schedule(arrivals.exponential(1 / LAMBDA), arrive, undefined);
  };
  sim.schedule(0, arrive, undefined);
  const t0 = performance.now();
  while (sim.step());
  const seconds = (performance.now() - t0) / 1000;
  return {
    events: sim.eventsRun,
    seconds,
    eventsPerS: sim.eventsRun / seconds,
    meanWaitMs: station.sojourn.mean(),
  };
}

interface RefEvent {
  t: number;
  seq: number;
  fn: () => void;
}

/** The reference: the smallest reasonable binary-heap event loop, M/M/1, same RNG family. */
export function benchReference(): {
  events: number;
  seconds: number;
  eventsPerS: number;
  meanWaitMs: number;
} {
  const heap: RefEvent[] = [];
  let seq = 0;
  let now = 0;
  const less = (a: RefEvent, b: RefEvent) => a.t < b.t || (a.t === b.t && a.seq < b.seq);
  const push = (t: number, fn: () => void): void => {
    const e = { t, seq: seq++, fn };
    let i = heap.length;
    heap.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(e, heap[p] as RefEvent)) break;
      heap[i] = heap[p] as RefEvent;
      i = p;
    }
    heap[i] = e;
  };
  const pop = (): RefEvent | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= heap.length) break;
        if (c + 1 < heap.length && less(heap[c + 1] as RefEvent, heap[c] as RefEvent)) c++;
        if (!less(heap[c] as RefEvent, last)) break;
        heap[i] = heap[c] as RefEvent;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  };
  // xorshift128+ style generator: the reference must not be slowed by a weak RNG either.
  let s = 0x9e3779b9 | 0;
  const rand = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const exp = (mean: number) => -mean * Math.log(1 - rand());
  const waiting: number[] = [];
  let head = 0;
  let busy = false;
  let left = CUSTOMERS;
  let events = 0;
  let sojournSum = 0;
  let served = 0;
  const startService = (arrivedAt: number): void => {
    busy = true;
    push(now + exp(MEAN_SERVICE), () => {
      busy = false;
      sojournSum += now - arrivedAt;
      served++;
      if (head < waiting.length) startService(waiting[head++] as number);
    });
  };
  const arrive = (): void => {
    if (busy) waiting.push(now);
    else startService(now);
    if (--left > 0) push(now + exp(1 / LAMBDA), arrive);
  };
  push(0, arrive);
  const t0 = performance.now();
  for (let e = pop(); e; e = pop()) {
    now = e.t;
    events++;
    e.fn();
  }
  const seconds = (performance.now() - t0) / 1000;
  return { events, seconds, eventsPerS: events / seconds, meanWaitMs: sojournSum / served };
}
