/** The speeds offered, simulated seconds per wall second. */
export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000] as const;

/** The offered speed closest to `x` (for the faster/slower keys). */
export function nearestSpeedIndex(x: number): number {
  let best = 0;
  SPEEDS.forEach((s, i) => {
    if (Math.abs(Math.log(s / x)) < Math.abs(Math.log((SPEEDS[best] as number) / x))) best = i;
  });
  return best;
}
