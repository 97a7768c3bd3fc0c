/**
 * How long Step back takes: it re-creates the run from its seed and replays it to the previous
 * visible event (see `src/state/replay.ts`). Figures for the default message-decoupling run
 * (10 payments/s) played to a few simulated times, for both ways back: to a step remembered
 * from stepping (one replay), and after playing (a narrated scan of the last 5,000 events, then
 * the replay).
 */
import { createManualTicker, createSimulator } from '../src/state';
import { patterns } from '../src/patterns';

export function benchStepBack(): string[] {
  const pattern = patterns.find((p) => p.id === 'message-decoupling-sqs');
  if (!pattern) return ['pattern message-decoupling-sqs not found'];
  const lines: string[] = [];
  for (const seconds of [60, 600, 3600]) {
    const ticker = createManualTicker();
    const sim = createSimulator({ pattern, seed: 1, speed: 1000, ticker });
    sim.play();
    while (sim.run.now < seconds * 1000) ticker.tick(100);
    sim.pause();
    const events = sim.run.world.sim.eventsRun;
    let t = performance.now();
    sim.stepBack();
    const afterPlay = performance.now() - t;
    for (let i = 0; i < 5; i++) sim.step();
    t = performance.now();
    sim.stepBack();
    const afterStep = performance.now() - t;
    lines.push(
      `t = ${String(seconds).padStart(4)} s (${events.toLocaleString('en-US')} events): after stepping ${afterStep.toFixed(0)} ms, after playing ${afterPlay.toFixed(0)} ms`,
    );
    sim.dispose();
  }
  lines.push(
    'cost: one replay of the run so far (two after playing); it grows with the run, so Step back is for the first minutes',
  );
  return lines;
}
