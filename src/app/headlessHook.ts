import { createRun, resolveParams, type RunSummary } from '../patterns';
import { catalogEntry, loadPattern } from '../patterns/catalog';

/** What `window.__headlessRun` returns: the run's summary and its event-trace fingerprint. */
export interface HeadlessResult {
  summary: RunSummary;
  fingerprint: string;
}

declare global {
  interface Window {
    /**
     * Runs a pattern headless in this page, exactly as `npm run sim` does in Node. The e2e suite
     * uses it to prove that the browser and Node produce the same run for the same inputs.
     */
    __headlessRun?: (
      patternId: string,
      params: Record<string, string>,
      seed: number,
      durationS: number,
    ) => Promise<HeadlessResult>;
  }
}

/** Installs {@link Window.__headlessRun}. */
export function installHeadlessHook(): void {
  window.__headlessRun = async (patternId, raw, seed, durationS) => {
    const entry = catalogEntry(patternId);
    if (!entry) throw new Error(`unknown pattern ${patternId}`);
    const pattern = await loadPattern(entry);
    const { values, errors } = resolveParams(pattern, raw);
    if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('; '));
    const run = createRun(pattern, values, { seed });
    run.advanceTo(durationS * 1000);
    return { summary: run.summary(), fingerprint: run.world.sim.fingerprint() };
  };
}
