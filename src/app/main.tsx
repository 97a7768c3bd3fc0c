import { createRoot } from 'react-dom/client';
import { createSimulator, isCompareSearch, parseBench } from '../state';
import { App } from './App';
import { loadCompareLocation, loadLocation } from './boot';
import { installHeadlessHook } from './headlessHook';
import './styles.css';
import './embed.css';
import './compact.css';

installHeadlessHook();
const root = createRoot(document.getElementById('root') as HTMLElement);
const bench = parseBench(window.location.search);
if (bench) {
  // The dots benchmark brings every pattern: loaded only when asked for.
  void import('./BenchDots').then(({ BenchDots }) => root.render(<BenchDots n={bench.n} />));
} else if (isCompareSearch(window.location.search)) {
  // Two scenarios side by side (?compare=A&vs=B&a.<param>=...&b.<param>=...&seed=n); the compare
  // view comes in its own chunk with the two patterns it names.
  void Promise.all([loadCompareLocation(window.location.search), import('./CompareApp')]).then(
    ([location, { CompareApp, createComparison }]) => {
      const cmp = createComparison({ a: location.a, b: location.b, seed: location.seed });
      root.render(<CompareApp cmp={cmp} errors={location.errors} />);
    },
  );
} else {
  void loadLocation(window.location.search).then((location) => {
    // One simulator for the page's lifetime, created outside React so it never runs twice.
    const sim = createSimulator({
      pattern: location.pattern,
      params: location.params,
      seed: location.seed,
      rules: location.rules,
      ...(location.speed !== undefined ? { speed: location.speed } : {}),
    });
    // A shared link's moment: replay from the seed to that simulated time, and show it paused.
    if (location.timeMs !== undefined && location.timeMs > 0) sim.seek(location.timeMs);
    document.title = `${location.pattern.title} · Integration patterns on AWS`;
    root.render(<App sim={sim} errors={location.errors} />);
  });
}
