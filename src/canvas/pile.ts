/**
 * How many marks a pile of `n` messages shows: one mark per message up to `cap`, then a log scale
 * (each tenfold adds `perDecade` marks) up to `max`, so a pile still grows visibly from 100 to a
 * million without drowning the card.
 */
export function pileMarks(
  n: number,
  cap = PILE_CAP,
  perDecade = PILE_PER_DECADE,
  max = PILE_MAX,
): number {
  if (!(n > 0)) return 0;
  const whole = Math.ceil(n);
  if (whole <= cap) return whole;
  return Math.min(max, Math.round(cap + perDecade * Math.log10(whole / cap)));
}

/** One mark per message up to this many. */
export const PILE_CAP = 40;
/** Marks added per tenfold beyond the cap. */
export const PILE_PER_DECADE = 12;
/** Most marks a pile shows. */
export const PILE_MAX = 100;
