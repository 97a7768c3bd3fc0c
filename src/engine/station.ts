import { sample, type Distribution } from './distributions';
import { Histogram } from './histogram';
import { TimeAverage, type Counter } from './metrics';
import type { Rng } from './rng';
import type { Simulation } from './simulation';

/** A service station's settings: c servers, a FIFO waiting room, a service-time distribution. */
export interface StationConfig {
  servers: number;
  service: Distribution;
  /** Waiting places; arrivals finding it full are turned away (Infinity by default; 0 is Erlang B). */
  capacity?: number;
}

/**
 * A textbook queueing station (G/G/c/K): the building block the queueing checks run on, and the
 * reference for what the AWS models' queues must agree with. Tracks L, Lq (time averages), W and
 * Wq (per customer) so Little's law and the closed forms can be checked directly.
 */
export class Station<T = unknown> {
  /** Customers in the system (waiting + in service) over time: L. */
  readonly inSystem: TimeAverage;
  /** Customers waiting over time: Lq. */
  readonly waitingCount: TimeAverage;
  /** Time in system per customer: W. */
  readonly sojourn = new Histogram();
  /** Time waiting per customer: Wq. */
  readonly wait = new Histogram();
  readonly arrivals: Counter = { value: 0 };
  readonly blocked: Counter = { value: 0 };
  private readonly queue: { item: T; at: number }[] = [];
  private head = 0;
  private busy = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly rng: Rng,
    readonly config: StationConfig,
    /** Called when a customer leaves after service. */
    private readonly onDone: (item: T) => void = () => {},
  ) {
    this.inSystem = new TimeAverage(sim.now);
    this.waitingCount = new TimeAverage(sim.now);
  }

  /** A customer arrives now. Returns false when it was turned away (no room). */
  arrive(item: T): boolean {
    const now = this.sim.now;
    this.arrivals.value++;
    if (this.busy < this.config.servers) {
      this.inSystem.add(now, 1);
      this.serve(item, now);
      return true;
    }
    if (this.queue.length - this.head >= (this.config.capacity ?? Infinity)) {
      this.blocked.value++;
      return false;
    }
    this.inSystem.add(now, 1);
    this.queue.push({ item, at: now });
    this.waitingCount.add(now, 1);
    return true;
  }

  private serve(item: T, arrivedAt: number): void {
    const now = this.sim.now;
    this.busy++;
    this.wait.record(now - arrivedAt);
    this.sim.schedule(sample(this.config.service, this.rng), this.finish, { item, arrivedAt });
  }

  private readonly finish = (job: { item: T; arrivedAt: number }): void => {
    const now = this.sim.now;
    this.busy--;
    this.inSystem.add(now, -1);
    this.sojourn.record(now - job.arrivedAt);
    if (this.head < this.queue.length) {
      const next = this.queue[this.head++] as { item: T; at: number };
      this.waitingCount.add(now, -1);
      if (this.head > 4096 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      this.serve(next.item, next.at);
    }
    this.onDone(job.item);
  };
}
