import { createRoot } from 'react-dom/client';
import { createSimulator } from '../state';
import { loadLocation } from './boot';
import { EmbedApp } from './EmbedApp';
import './styles.css';

void loadLocation(window.location.search).then((location) => {
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
});
