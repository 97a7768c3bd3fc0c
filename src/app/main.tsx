import { createRoot } from 'react-dom/client';
import { patterns } from '../patterns';
import { createSimulator, parseBench, parseLocation, patternsFromSearch } from '../state';
import { App } from './App';
import { BenchDots } from './BenchDots';
import { installHeadlessHook } from './headlessHook';
import './styles.css';

installHeadlessHook();
const root = createRoot(document.getElementById('root') as HTMLElement);
const bench = parseBench(window.location.search);
if (bench) {
  root.render(<BenchDots n={bench.n} />);
} else {
  // An imported architecture travels in the address (`template=`): it joins the patterns.
  const withImported = patternsFromSearch(window.location.search, patterns);
  const location = parseLocation(window.location.search, withImported.patterns);
  location.errors.unshift(...withImported.errors);
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
