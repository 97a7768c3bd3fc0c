import { createSimulator, type Simulator } from '../state';
import { loadAddressedPattern, readLocation } from './boot';
import { parseEmbedOptions, type EmbedOptions } from '../state/embedOptions';
import { SPEEDS, nearestSpeedIndex } from '../ui/speeds';

/** A ready embed: its simulator and options, and the address of the same run in the full app. */
export interface EmbedSetup {
  sim: Simulator;
  options: EmbedOptions;
  /** The simulation's part of the address (pattern, parameters, seed, rules), with its `?`. */
  simulation: string;
  title: string;
}

/**
 * Builds an embed from its address (`embed.html`'s query, or a `<pattern-sim>`'s attributes made
 * into one). Nothing in the address ever reaches the page as a banner: an embed sits in someone
 * else's docs, so problems (an unknown option or parameter, a bad value) go to the console, and
 * each bad part falls back to its default.
 */
export async function createEmbed(search: string, where = 'embed'): Promise<EmbedSetup> {
  // Only the pattern asked for is loaded (with its kinds), as in the full app.
  const { pattern, errors } = await loadAddressedPattern(search);
  const { options, simulation, warnings } = parseEmbedOptions(search, pattern);
  const location = await readLocation(simulation, pattern);
  for (const problem of [...errors, ...warnings, ...location.errors])
    console.warn(`[pattern-sim] ${where}: ${problem}`);
  const sim = createSimulator({
    pattern: location.pattern,
    params: location.params,
    seed: location.seed,
    rules: location.rules,
  });
  if (options.speed !== null) sim.setSpeed(SPEEDS[nearestSpeedIndex(options.speed)] ?? 1);
  if (options.startMs > 0) sim.seek(options.startMs);
  // A live diagram plays on its own, unless the author said not to or the reader asked for less
  // motion.
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  if (options.autoplay && !still) sim.play();
  return { sim, options, simulation, title: location.pattern.title };
}
