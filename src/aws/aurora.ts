import {
  sample,
  TimeAverage,
  TimeoutQueue,
  type Counter,
  type Distribution,
  type Rng,
  type TimeoutHandle,
  type World,
} from '../engine';

/** RDS Proxy's default ConnectionBorrowTimeout: 120 s. */
export const DEFAULT_BORROW_TIMEOUT_MS = 120_000;
/** RDS Proxy's default MaxConnectionsPercent for Aurora (every engine but SQL Server): 100. */
export const DEFAULT_MAX_CONNECTIONS_PERCENT = 100;

/** Aurora settings. */
export interface AuroraConfig {
  /**
   * max_connections: the connections the database instance accepts. Without a proxy, a client
   * connecting beyond it is refused at once ("Too many connections").
   */
  maxConnections: number;
  /** Query time on an idle database, ms. */
  queryLatency: Distribution;
  /**
   * How much slower a query gets as connections fill: its time is multiplied by
   * 1 + contention·u², u = busy / maxConnections (lock and buffer contention).
   */
  contention: number;
  /**
   * An RDS Proxy in front of the database: clients connect to the proxy, which lends them a
   * pooled database connection per query and makes them wait for one when the pool is busy.
   */
  proxy: boolean;
  /**
   * With a proxy: ConnectionBorrowTimeout, how long a request waits for a pooled connection
   * before it fails, ms. Default 120 s; 0 means wait without limit (AWS allows 0 to 3,600 s).
   */
  borrowTimeoutMs?: number;
  /**
   * With a proxy: MaxConnectionsPercent, the pool's size as a percentage of maxConnections
   * (1 to 100, default 100). The pool is floor(maxConnections · percent / 100), at least 1.
   */
  maxConnectionsPercent?: number;
}

/** The settings as the model holds them, defaults filled in. */
export type ResolvedAuroraConfig = Required<AuroraConfig>;

/** Why a query failed. */
export type AuroraError =
  /** No proxy, and the database already had maxConnections open: MySQL error 1040. */
  | 'tooManyConnections'
  /** The proxy's pool stayed busy for the whole ConnectionBorrowTimeout. */
  | 'borrowTimeout';

/** How a query ended. The model hands out shared, frozen objects: compare, don't mutate. */
export type QueryResult =
  { readonly ok: true } | { readonly ok: false; readonly error: AuroraError };

const OK: QueryResult = Object.freeze({ ok: true });
const TOO_MANY_CONNECTIONS: QueryResult = Object.freeze({
  ok: false,
  error: 'tooManyConnections',
});
const BORROW_TIMEOUT: QueryResult = Object.freeze({ ok: false, error: 'borrowTimeout' });

/** Live numbers for the badge and the CLI (a type alias, so it is a `Record<string, number>`). */
export type AuroraStats = {
  /** Connections running a query now. */
  active: number;
  /** max_connections. */
  maxConnections: number;
  /** The proxy's pool size (connections it may open); 0 without a proxy. */
  poolSize: number;
  /** Requests waiting in the proxy for a pooled connection (always 0 without a proxy). */
  waiting: number;
  /** Queries completed. */
  queries: number;
  /** Connections refused with "Too many connections" (no proxy). */
  refused: number;
  /** Requests that waited out the proxy's ConnectionBorrowTimeout. */
  timedOut: number;
  /** refused + timedOut: every query that failed (the card flashes red when it grows). */
  errors: number;
  /** Mean time from `query()` to the result of completed queries (waiting included), ms. */
  meanLatencyMs: number;
};

/** One query, from the call to its result. */
interface Request {
  done: (result: QueryResult) => void;
  enqueuedAt: number;
  /** True once it has a connection or has failed. */
  settled: boolean;
  /** Its borrow-timeout entry while it waits in the proxy, and the queue that holds it. */
  deadline: TimeoutHandle | undefined;
  deadlines: TimeoutQueue<Request> | undefined;
}

/**
 * An Aurora MySQL database as its clients see it: each query takes one connection for its
 * duration, and its time rises as connections fill (contention).
 *
 * **Without a proxy** a connection beyond `max_connections` is refused at once: the client gets
 * MySQL's error 1040 (SQLSTATE 08004, ER_CON_COUNT_ERROR) "Too many connections", and nothing
 * queues: the error means every allowed connection is in use by other clients (MySQL reference
 * manual, B.3.2.5 "Too many connections"; AWS Knowledge Center on this error with Aurora MySQL,
 * https://repost.aws/knowledge-center/aurora-mysql-max-connection-errors, which names
 * "ERROR 1040 (): Too many connections" in the error log). max_connections is a
 * parameter-group setting whose default depends on the instance class (AWS, "Maximum
 * connections to an Aurora MySQL DB instance",
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Performance.html).
 * MySQL's one extra connection reserved for administrators is not modelled.
 *
 * **With an RDS Proxy** clients connect to the proxy, which multiplexes them over a pool of at
 * most MaxConnectionsPercent of max_connections (default 100%) and lends a database connection
 * per query. When the pool is at its maximum and every connection is busy, a request waits, in
 * arrival order here, for up to ConnectionBorrowTimeout (default 120 s, 0 = no limit) and then
 * fails (AWS, "RDS Proxy connection considerations",
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy-connections.html, and
 * the ConnectionPoolConfiguration API reference,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ConnectionPoolConfiguration.html:
 * "The number of seconds for a proxy to wait for a connection to become available in the
 * connection pool ... Default: 120"; MaxConnectionsPercent "Default: 10 for RDS for Microsoft SQL
 * Server, and 100 for all other engines"). The proxy's own overhead, its reserved monitoring
 * connections, session pinning and the idle-connection settings are not modelled.
 *
 * Borrow timeouts share one timer per duration ({@link TimeoutQueue}). The model reports only
 * through `done` and {@link stats}; it never touches the ledger or the hop log.
 */
export class AuroraDatabase {
  /** Queries completed. */
  readonly queries: Counter = { value: 0 };
  /** Connections refused (no proxy, max_connections reached). */
  readonly refused: Counter = { value: 0 };
  /** Requests that waited out the borrow timeout (proxy). */
  readonly timedOut: Counter = { value: 0 };
  /** Busy connections over time. */
  readonly busy: TimeAverage;
  /** The settings in force, defaults filled in. Change them with {@link reconfigure}. */
  readonly config: ResolvedAuroraConfig;
  private readonly waiting: Request[] = [];
  private waitingHead = 0;
  /** Requests waiting in the proxy now. */
  waitingCount = 0;
  private latencySumMs = 0;
  private deadlines: TimeoutQueue<Request> | undefined;

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
    config: AuroraConfig,
  ) {
    this.busy = new TimeAverage(world.sim.now);
    this.config = {
      borrowTimeoutMs: DEFAULT_BORROW_TIMEOUT_MS,
      maxConnectionsPercent: DEFAULT_MAX_CONNECTIONS_PERCENT,
      ...definedOnly(config),
    } as ResolvedAuroraConfig;
    validate(this.config);
    this.deadlines = this.makeDeadlines();
  }

  /** Connections the proxy may open: floor(maxConnections · MaxConnectionsPercent / 100), min 1. */
  get poolSize(): number {
    const { maxConnections, maxConnectionsPercent } = this.config;
    if (!(maxConnections > 0)) return 0;
    return Math.max(1, Math.floor((maxConnections * maxConnectionsPercent) / 100));
  }

  /** Connections a new query may take now: the pool with a proxy, max_connections without. */
  private get limit(): number {
    return this.config.proxy ? this.poolSize : this.config.maxConnections;
  }

  /**
   * Changes settings mid-run. Queries already running go on (lowering max_connections does not
   * close open connections, it refuses new ones); waiting requests take any connections the new
   * limits free at once. A new borrow timeout applies to requests that start waiting from now on.
   * Turning the proxy off refuses the requests still waiting in it ("Too many connections": their
   * clients now meet a full database); turning it on makes later requests wait instead.
   */
  reconfigure(settings: Partial<AuroraConfig>): void {
    const next = { ...this.config, ...definedOnly(settings) };
    validate(next);
    const timeoutChanged = next.borrowTimeoutMs !== this.config.borrowTimeoutMs;
    Object.assign(this.config, next);
    if (timeoutChanged) this.deadlines = this.makeDeadlines();
    this.next();
    if (!this.config.proxy) {
      while (this.waitingHead < this.waiting.length) {
        const r = this.waiting[this.waitingHead++] as Request;
        if (r.settled) continue;
        this.settleWaiting(r);
        this.refused.value++;
        r.done(TOO_MANY_CONNECTIONS);
      }
      this.waiting.length = 0;
      this.waitingHead = 0;
    }
  }

  /**
   * Runs one query; `done` gets its result exactly once: `{ ok: true }` when it completed,
   * `{ ok: false, error: 'tooManyConnections' }` at once when there is no proxy and
   * max_connections are in use, `{ ok: false, error: 'borrowTimeout' }` when it waited in the
   * proxy for the whole borrow timeout.
   */
  query(done: (result: QueryResult) => void): void {
    const now = this.world.sim.now;
    const request: Request = {
      done,
      enqueuedAt: now,
      settled: false,
      deadline: undefined,
      deadlines: undefined,
    };
    // Waiting requests are served first: a free connection with a queue behind it only exists
    // within an instant, and a newcomer must not overtake the queue.
    if (this.waitingCount === 0 && this.busy.value < this.limit) {
      this.run(request);
      return;
    }
    if (!this.config.proxy) {
      request.settled = true;
      this.refused.value++;
      done(TOO_MANY_CONNECTIONS);
      return;
    }
    this.waiting.push(request);
    this.waitingCount++;
    if (this.deadlines) {
      request.deadlines = this.deadlines;
      request.deadline = this.deadlines.add(request);
    }
  }

  private makeDeadlines(): TimeoutQueue<Request> | undefined {
    const ms = this.config.borrowTimeoutMs;
    if (ms === 0) return undefined; // 0: wait without limit
    return new TimeoutQueue<Request>(this.world.sim, ms, (r) => {
      if (r.settled) return;
      r.deadline = undefined; // already fired: nothing to cancel
      this.settleWaiting(r);
      this.timedOut.value++;
      r.done(BORROW_TIMEOUT);
    });
  }

  /** Marks a waiting request as leaving the queue (served or failed). */
  private settleWaiting(r: Request): void {
    r.settled = true;
    this.waitingCount--;
    if (r.deadline && r.deadlines) r.deadlines.cancel(r.deadline);
    r.deadline = undefined;
    r.deadlines = undefined;
  }

  private run(r: Request): void {
    const sim = this.world.sim;
    r.settled = true;
    this.busy.add(sim.now, 1);
    const max = this.config.maxConnections;
    const u = max > 0 ? this.busy.value / max : 1;
    const ms = sample(this.config.queryLatency, this.rng) * (1 + this.config.contention * u * u);
    sim.schedule(ms, this.finish, r);
  }

  private readonly finish = (r: Request): void => {
    const now = this.world.sim.now;
    this.busy.add(now, -1);
    this.queries.value++;
    this.latencySumMs += now - r.enqueuedAt;
    // Hand the connection to the queue first, then answer (the caller may query again at once).
    this.next();
    r.done(OK);
  };

  /** Lends free connections to waiting requests, oldest first. */
  private next(): void {
    while (this.waitingHead < this.waiting.length && this.busy.value < this.limit) {
      const r = this.waiting[this.waitingHead++] as Request;
      if (r.settled) continue;
      this.settleWaiting(r);
      this.run(r);
    }
    if (this.waitingHead === this.waiting.length) {
      this.waiting.length = 0;
      this.waitingHead = 0;
    } else if (this.waitingHead > 1024 && this.waitingHead * 2 > this.waiting.length) {
      this.waiting.splice(0, this.waitingHead);
      this.waitingHead = 0;
    }
  }

  /** Live numbers for the badge and the CLI. */
  stats(): AuroraStats {
    const refused = this.refused.value;
    const timedOut = this.timedOut.value;
    return {
      active: this.busy.value,
      maxConnections: this.config.maxConnections,
      poolSize: this.config.proxy ? this.poolSize : 0,
      waiting: this.waitingCount,
      queries: this.queries.value,
      refused,
      timedOut,
      errors: refused + timedOut,
      meanLatencyMs:
        this.queries.value === 0
          ? 0
          : Math.round((this.latencySumMs / this.queries.value) * 100) / 100,
    };
  }
}

/** The entries of a partial config that are set (so `{ x: undefined }` keeps the current x). */
function definedOnly<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(o) as (keyof T)[]) if (o[key] !== undefined) out[key] = o[key];
  return out;
}

function validate(c: ResolvedAuroraConfig): void {
  if (!(c.maxConnections >= 0))
    throw new RangeError(`maxConnections must be >= 0, got ${c.maxConnections}`);
  if (!(c.contention >= 0)) throw new RangeError(`contention must be >= 0, got ${c.contention}`);
  if (!(c.borrowTimeoutMs >= 0) || !Number.isFinite(c.borrowTimeoutMs))
    throw new RangeError(`borrowTimeoutMs must be a finite number >= 0, got ${c.borrowTimeoutMs}`);
  if (!(c.maxConnectionsPercent >= 1 && c.maxConnectionsPercent <= 100))
    throw new RangeError(
      `maxConnectionsPercent must be between 1 and 100, got ${c.maxConnectionsPercent}`,
    );
}
