/**
 * `npm run bench`: prints the project's performance figures. Targets are stated beside each
 * figure; nothing here fails a build (timed assertions belong in no test).
 */
import { registerAllKinds } from '../src/kit/kinds/all';
import { benchEngine, benchKernel, benchReference } from './engine';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function section(title: string): void {
  console.log(`\n== ${title}`);
}

async function main(): Promise<void> {
  registerAllKinds();
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const want = (name: string) => only.length === 0 || only.includes(name);

  if (want('engine')) {
    section('Engine: M/M/1, 1,000,000 customers (λ=80/s, μ=100/s)');
    // Warm up the JIT for all three, then take the best of three runs of each.
    const best = <T extends { eventsPerS: number }>(f: () => T): T =>
      [f(), f(), f()].sort((a, b) => b.eventsPerS - a.eventsPerS)[0] as T;
    benchReference();
    benchKernel();
    benchEngine();
    const ref = best(benchReference);
    const kernel = best(benchKernel);
    const eng = best(benchEngine);
    const line = (label: string, r: typeof ref) =>
      console.log(
        `${label.padEnd(44)}: ${fmt(r.eventsPerS).padStart(11)} events/s (${r.events} events, ${r.seconds.toFixed(2)} s, W=${r.meanWaitMs.toFixed(1)} ms)`,
      );
    line('reference: minimal binary-heap event loop', ref);
    line('engine kernel, same model code', kernel);
    line('engine + Station (with all its statistics)', eng);
    console.log(
      `ratio kernel/reference: ${(kernel.eventsPerS / ref.eventsPerS).toFixed(2)} (target >= 0.5); with statistics: ${(eng.eventsPerS / ref.eventsPerS).toFixed(2)}`,
    );
  }

  for (const extra of await import('./extras').then((m) => m.extras)) {
    if (!want(extra.name)) continue;
    section(extra.title);
    try {
      for (const line of await extra.run()) console.log(line);
    } catch (e) {
      console.log(`could not run: ${(e as Error).message}`);
    }
  }
}

void main();
