import { createRoot } from 'react-dom/client';
import { patterns } from '../patterns';
import { createSimulator, parseLocation, patternsWithLink } from '../state';
import { EmbedApp } from './EmbedApp';
import './styles.css';

// An imported workflow (`asl=`) replaces its pattern here too; a bad one is reported.
const linked = patternsWithLink(window.location.search, patterns);
const location = parseLocation(window.location.search, linked.patterns);
location.errors.unshift(...linked.errors);
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
