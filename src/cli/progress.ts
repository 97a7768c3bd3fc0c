import type { ScenarioRun } from '../patterns';

/**
 * Runs to `endMs` in slices; when a run takes more than a few seconds of wall time, says how far
 * it got on stderr (a terminal only), so a long or heavy run never looks hung. `label` names the
 * run when there are several (a comparison's sides).
 */
export function advanceWithProgress(run: ScenarioRun, endMs: number, label = ''): void {
  const started = Date.now();
  let lastReport = started;
  const slice = Math.max(1000, endMs / 200);
  const tty = process.stderr.isTTY;
  for (let t = Math.min(slice, endMs); ; t = Math.min(t + slice, endMs)) {
    run.advanceTo(t);
    const now = Date.now();
    if (tty && now - lastReport > 2000) {
      lastReport = now;
      const pct = ((100 * t) / endMs).toFixed(0);
      process.stderr.write(
        `\r${label}simulated ${(t / 1000).toFixed(0)} of ${(endMs / 1000).toFixed(0)} s (${pct}%), ${run.world.ledger.summary().created} messages so far…`,
      );
    }
    if (t >= endMs) break;
  }
  if (tty && lastReport !== started) process.stderr.write('\n');
}
