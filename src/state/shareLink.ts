import type { SimState } from './simStore';
import { buildSearch } from './url';

/**
 * The address query of the run as it stands: pattern, changed parameters, rules, seed, the speed,
 * and the simulated time when `withTime` or when playback is stopped past 0 (a reload or a copied
 * address then opens at that moment; while running, the time in the address bar would be stale
 * at once, so only a shared link takes it).
 */
export function searchOf(state: SimState, withTime: boolean): string {
  const { pattern, params, seed, rules, speed, status, live } = state;
  const timeMs = withTime || status === 'paused' || status === 'finished' ? live.simTimeMs : 0;
  return buildSearch(pattern, params, seed, rules, { speed, timeMs });
}
