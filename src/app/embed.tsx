import { createRoot } from 'react-dom/client';
import { patterns } from '../patterns';
import { createSimulator, parseLocation, patternsFromSearch } from '../state';
import { EmbedApp } from './EmbedApp';
import './styles.css';

// An imported architecture travels in the address (`template=`), as in the full app.
const withImported = patternsFromSearch(window.location.search, patterns);
const location = parseLocation(window.location.search, withImported.patterns);
location.errors.unshift(...withImported.errors);
const sim = createSimulator({
  pattern: location.pattern,
  params: location.params,
  seed: location.seed,
  rules: location.rules,
});
document.title = `${location.pattern.title} (live diagram)`;
// A live diagram plays on its own, unless the reader asked for less motion.
if (!window.matchMedia('(prefers-reduced-motion: reduce)').matches) sim.play();
createRoot(document.getElementById('root') as HTMLElement).render(
  <EmbedApp sim={sim} errors={location.errors} />,
);
