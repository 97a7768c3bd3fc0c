import { createRoot } from 'react-dom/client';
import { patterns } from '../patterns';
import {
  createComparison,
  createSimulator,
  isCompareSearch,
  parseBench,
  parseCompareLocation,
  parseLocation,
} from '../state';
import { App } from './App';
import { BenchDots } from './BenchDots';
import { CompareApp } from './CompareApp';
import { installHeadlessHook } from './headlessHook';
import './styles.css';

installHeadlessHook();
const root = createRoot(document.getElementById('root') as HTMLElement);
const bench = parseBench(window.location.search);
if (bench) {
  root.render(<BenchDots n={bench.n} />);
} else if (isCompareSearch(window.location.search)) {
  // Two scenarios side by side (?compare=A&vs=B&a.<param>=...&b.<param>=...&seed=n).
  const location = parseCompareLocation(window.location.search, patterns);
  const cmp = createComparison({ a: location.a, b: location.b, seed: location.seed });
  root.render(<CompareApp cmp={cmp} errors={location.errors} />);
} else {
  const location = parseLocation(window.location.search, patterns);
  // One simulator for the page's lifetime, created outside React so it never runs twice.
  const sim = createSimulator({
    pattern: location.pattern,
    params: location.params,
    seed: location.seed,
    rules: location.rules,
  });
  document.title = `${location.pattern.title} · Integration patterns on AWS`;
  root.render(<App sim={sim} errors={location.errors} />);
}
