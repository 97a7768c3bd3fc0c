/**
 * A token bucket as API Gateway throttles with: `burst` tokens at most, refilled continuously at
 * `ratePerS`. Each accepted request takes one token; with none left the request is refused (429).
 * Over any window of T seconds it accepts at most burst + rate·T requests.
 */
export class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(
    public ratePerS: number,
    public burst: number,
    nowMs: number,
  ) {
    this.tokens = burst;
    this.lastMs = nowMs;
  }

  /** Changes the limits mid-run (tokens earned so far are kept, up to the new burst). */
  setLimits(ratePerS: number, burst: number, nowMs: number): void {
    this.refill(nowMs);
    this.ratePerS = ratePerS;
    this.burst = burst;
    this.tokens = Math.min(this.tokens, burst);
  }

  /** Takes a token at virtual time `nowMs` if one is available. */
  tryTake(nowMs: number): boolean {
    this.refill(nowMs);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  /**
   * Takes `n` tokens the bucket does not have: it goes below zero and pays the debt back at the
   * refill rate (Step Functions' state transitions are slowed down, not refused, when throttled).
   */
  owe(n: number): void {
    this.tokens -= n;
  }

  /** Tokens available at `nowMs` (negative while a debt is being paid back). */
  available(nowMs: number): number {
    this.refill(nowMs);
    return this.tokens;
  }

  private refill(nowMs: number): void {
    const elapsed = nowMs - this.lastMs;
    if (elapsed > 0) {
      this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerS) / 1000);
      this.lastMs = nowMs;
    }
  }
}
