/**
 * Retry policy: which Retrier applies to a failure and how long to wait before the next attempt.
 */
import { errorMatches, isTerminal, type Failure } from './errors';
import type { RetrierDefinition } from './types';

/** ASL defaults for a Retrier's optional fields. */
export const RETRY_DEFAULTS = { IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 } as const;

/**
 * Seconds to wait before retry number `retriesSoFar + 1` under one Retrier:
 * `IntervalSeconds * BackoffRate^retriesSoFar`, capped by MaxDelaySeconds, and with
 * JitterStrategy FULL a uniformly random fraction of that (`random()` in [0, 1)).
 */
export function retryDelaySeconds(
  retrier: RetrierDefinition,
  retriesSoFar: number,
  random: () => number,
): number {
  const interval = retrier.IntervalSeconds ?? RETRY_DEFAULTS.IntervalSeconds;
  const rate = retrier.BackoffRate ?? RETRY_DEFAULTS.BackoffRate;
  let delay = interval * Math.pow(rate, retriesSoFar);
  if (retrier.MaxDelaySeconds !== undefined) delay = Math.min(delay, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') delay *= random();
  return delay;
}

/** The outcome of consulting the Retry field: retry after `delayMs` using retrier `index`. */
export interface RetryDecision {
  index: number;
  delayMs: number;
}

/**
 * Scans the Retriers in order. The first whose ErrorEquals matches decides alone: if its
 * MaxAttempts are used up the state gives up (later Retriers are not consulted, as in AWS).
 * `counts[i]` is how many retries Retrier i has already granted during this state visit.
 */
export function decideRetry(
  retriers: readonly RetrierDefinition[] | undefined,
  counts: readonly number[],
  f: Failure,
  random: () => number,
): RetryDecision | null {
  if (!retriers || isTerminal(f)) return null;
  for (let index = 0; index < retriers.length; index++) {
    const retrier = retriers[index] as RetrierDefinition;
    if (!errorMatches(retrier.ErrorEquals, f.error)) continue;
    const done = counts[index] ?? 0;
    if (done >= (retrier.MaxAttempts ?? RETRY_DEFAULTS.MaxAttempts)) return null;
    return { index, delayMs: Math.round(retryDelaySeconds(retrier, done, random) * 1000) };
  }
  return null;
}
