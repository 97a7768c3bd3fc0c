/**
 * The account side of Lambda concurrency: one {@link LambdaAccount} per run (per account and
 * Region on AWS), shared by every function of the run.
 *
 * AWS behaviour followed:
 * - "Lambda scaling behavior" (https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html):
 *   functions scale "until your account reaches its concurrency quota"; the account-level limit
 *   is "the total amount of concurrency available to your functions". Default quota 1,000.
 * - "Configuring reserved concurrency for a function"
 *   (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html): reserved
 *   concurrency is both the most a function may use and capacity no other function can use; "You
 *   can reserve up to the Unreserved account concurrency value that is shown, minus 100 for
 *   functions that don't have reserved concurrency." PutFunctionConcurrency
 *   (https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionConcurrency.html): "as long as
 *   you leave at least 100 simultaneous executions unreserved".
 * - "Configuring provisioned concurrency for a function"
 *   (https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html): provisioned
 *   concurrency counts against the function's reserved concurrency and the account's concurrency;
 *   for a function without reserved concurrency it comes out of the unreserved pool (the same
 *   100 stay unreserved), and it can't exceed the function's reserved concurrency.
 *
 * So the unreserved pool is the account limit minus every function's reserve, minus the
 * provisioned concurrency of functions without a reserve. Functions without a reserve share it
 * for their on-demand environments; a function with a reserve never touches it.
 */

/** AWS's default concurrency quota per account and Region. */
export const DEFAULT_ACCOUNT_CONCURRENCY = 1000;
/** Concurrency AWS always leaves unreserved, for functions without reserved concurrency. */
export const MIN_UNRESERVED_CONCURRENCY = 100;

/**
 * A setting AWS would refuse (InvalidParameterValueException); the message follows AWS's where
 * it is known. Thrown before anything changes, so the function keeps its previous settings.
 */
export class LambdaConfigError extends RangeError {
  readonly code = 'InvalidParameterValueException';
  constructor(message: string) {
    super(message);
    this.name = 'LambdaConfigError';
  }
}

/** What the account needs to know about one of its functions. */
export interface LambdaAccountMember {
  /** For messages and stats. */
  readonly name: string;
  /** Invocations running now (provisioned and on-demand). */
  readonly running: number;
}

interface Allocation {
  reserved: number | undefined;
  provisioned: number;
}

/** Settings of a {@link LambdaAccount}. */
export interface LambdaAccountConfig {
  /** Concurrent executions for the whole account (default 1,000). */
  concurrencyLimit?: number;
}

/** Live numbers of a {@link LambdaAccount}. */
export interface LambdaAccountStats {
  [key: string]: number;
  /** The account's concurrency quota. */
  concurrencyLimit: number;
  /** Limit minus reserves minus provisioned concurrency of functions without a reserve. */
  unreservedLimit: number;
  /** On-demand executions of functions without a reserve, running now. */
  unreservedInUse: number;
  /** Sum of the functions' reserved concurrency. */
  reserved: number;
  /** Sum of the functions' provisioned concurrency. */
  provisioned: number;
  /** Running invocations of all functions (CloudWatch ConcurrentExecutions). */
  concurrentExecutions: number;
  functions: number;
}

/**
 * The account-level concurrency pool shared by all functions of a run. Create one per run and
 * pass it to every {@link LambdaFunction}; a function given none gets a private one.
 */
export class LambdaAccount {
  private limit: number;
  private readonly members = new Map<LambdaAccountMember, Allocation>();
  /** Sum over members of (reserved ?? provisioned): what is carved out of the pool. */
  private carved = 0;
  private inUse = 0;

  /**
   * @param growable for the private account of a function created without one: instead of
   *   refusing a reserve, the limit grows to keep 100 unreserved (the old per-function limit).
   */
  constructor(
    config: LambdaAccountConfig = {},
    private readonly growable = false,
  ) {
    this.limit = checkCount(
      'account concurrency limit',
      config.concurrencyLimit ?? DEFAULT_ACCOUNT_CONCURRENCY,
    );
  }

  /** The account's concurrency quota. */
  get concurrencyLimit(): number {
    return this.limit;
  }

  /** Concurrency left for functions without a reserve (never below 100 by construction). */
  get unreservedLimit(): number {
    return this.limit - this.carved;
  }

  /** On-demand executions of functions without a reserve, running now. */
  get unreservedInUse(): number {
    return this.inUse;
  }

  /** Changes the account's quota (a Service Quotas increase); running invocations go on. */
  setConcurrencyLimit(limit: number): void {
    checkCount('account concurrency limit', limit);
    if (limit - this.carved < MIN_UNRESERVED_CONCURRENCY)
      throw new LambdaConfigError(
        `Account concurrency ${limit} leaves less than the minimum of ${MIN_UNRESERVED_CONCURRENCY} unreserved (${this.carved} reserved or provisioned).`,
      );
    this.limit = limit;
  }

  /**
   * The most `member` could have carved out (its reserve, or its provisioned concurrency when it
   * has no reserve) with everything else as it is: what a slider should be clamped to.
   */
  maxAllocatable(member?: LambdaAccountMember): number {
    const own = member ? carveOf(this.members.get(member)) : 0;
    const max = this.limit - this.carved + own - MIN_UNRESERVED_CONCURRENCY;
    return this.growable ? Infinity : Math.max(0, max);
  }

  /**
   * Registers a function or changes its allocation. Throws {@link LambdaConfigError}, changing
   * nothing, when AWS would refuse it.
   */
  allocate(member: LambdaAccountMember, reserved: number | undefined, provisioned: number): void {
    if (reserved !== undefined) checkCount('ReservedConcurrentExecutions', reserved);
    checkCount('ProvisionedConcurrentExecutions', provisioned);
    if (reserved !== undefined && provisioned > reserved)
      throw new LambdaConfigError(
        `Provisioned concurrency (${provisioned}) of function ${member.name} can't exceed its reserved concurrency (${reserved}).`,
      );
    const before = this.members.get(member);
    const next: Allocation = { reserved, provisioned };
    const carved = this.carved - carveOf(before) + carveOf(next);
    if (this.limit - carved < MIN_UNRESERVED_CONCURRENCY) {
      if (!this.growable)
        throw new LambdaConfigError(
          reserved !== undefined
            ? `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${MIN_UNRESERVED_CONCURRENCY}].`
            : `Specified ProvisionedConcurrentExecutions for function ${member.name} decreases account's UnreservedConcurrentExecution below its minimum value of [${MIN_UNRESERVED_CONCURRENCY}].`,
        );
      this.limit = carved + MIN_UNRESERVED_CONCURRENCY;
    }
    this.carved = carved;
    this.members.set(member, next);
  }

  /** Removes a function (its reserve and provisioned concurrency return to the pool). */
  release(member: LambdaAccountMember): void {
    this.carved -= carveOf(this.members.get(member));
    this.members.delete(member);
  }

  /** Takes one unit of the unreserved pool for an on-demand execution, if one is free. */
  tryAcquireUnreserved(): boolean {
    if (this.inUse >= this.limit - this.carved) return false;
    this.inUse++;
    return true;
  }

  /** Returns a unit taken with {@link tryAcquireUnreserved}. */
  releaseUnreserved(): void {
    if (this.inUse <= 0) throw new Error('LambdaAccount: unreserved pool released more than taken');
    this.inUse--;
  }

  stats(): LambdaAccountStats {
    let reserved = 0;
    let provisioned = 0;
    let running = 0;
    for (const [member, a] of this.members) {
      reserved += a.reserved ?? 0;
      provisioned += a.provisioned;
      running += member.running;
    }
    return {
      concurrencyLimit: this.limit,
      unreservedLimit: this.unreservedLimit,
      unreservedInUse: this.inUse,
      reserved,
      provisioned,
      concurrentExecutions: running,
      functions: this.members.size,
    };
  }
}

function carveOf(a: Allocation | undefined): number {
  if (!a) return 0;
  return a.reserved ?? a.provisioned;
}

function checkCount(what: string, n: number): number {
  if (!Number.isInteger(n) || n < 0)
    throw new LambdaConfigError(`${what} must be a whole number >= 0, got ${n}`);
  return n;
}
