import { createRoot } from 'react-dom/client';
import { EmbedApp } from './EmbedApp';
import { postHeight } from './embedResize';
import { createEmbed } from './embedSetup';
import './styles.css';
import './embed.css';

void createEmbed(window.location.search, 'embed.html').then((setup) => {
  document.title = `${setup.title} (live diagram)`;
  const fullAppHref = new URL(`index.html${setup.simulation}`, window.location.href).toString();
  createRoot(document.getElementById('root') as HTMLElement).render(
    <EmbedApp
      sim={setup.sim}
      options={setup.options}
      fullAppHref={fullAppHref}
      host="page"
      onHeight={postHeight}
    />,
  );
});
