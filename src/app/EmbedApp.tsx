import { useEffect, useRef } from 'react';
import { FlowCanvas } from '../canvas';
import { SimProvider, useSim, type Simulator } from '../state';
import { CanvasOverlay, PlaybackBar, UrlErrorAlert, useKeyboardShortcuts, useTheme } from '../ui';

/** The embed view: the live diagram, play/pause and speed, and a link to the full app. */
export function EmbedApp({ sim, errors }: { sim: Simulator; errors: string[] }) {
  useKeyboardShortcuts(sim);
  usePauseOffscreen(sim);
  return (
    <SimProvider simulator={sim}>
      <EmbedShell errors={errors} />
    </SimProvider>
  );
}

function EmbedShell({ errors }: { errors: string[] }) {
  const { resolved } = useTheme();
  const dark = resolved === 'dark';
  const title = useSim((s) => s.pattern.title);
  const fullApp = new URL(`index.html${window.location.search}`, window.location.href).toString();
  return (
    // One landmark holds it all: an embed is a page of its own inside the host's.
    <main className="embed" aria-label={title}>
      <div className="embed-bar">
        <PlaybackBar compact />
        <span className="embed-title truncate text-xs font-medium" title={title}>
          {title}
        </span>
        <a
          className="btn btn-sm ml-auto shrink-0"
          href={fullApp}
          target="_blank"
          rel="noreferrer"
          aria-label="Open in the simulator"
        >
          Open<span className="embed-link-more"> in the simulator</span> ↗
        </a>
      </div>
      <UrlErrorAlert errors={errors} />
      <div className="canvas-wrap canvas-fill">
        <div className="canvas-pane">
          <FlowCanvas colorMode={dark ? 'dark' : 'light'} controls={false} />
        </div>
        <CanvasOverlay dark={dark} ledger={false} />
      </div>
    </main>
  );
}

/** Pauses while the embed is scrolled out of view, and resumes when it comes back. */
function usePauseOffscreen(sim: Simulator): void {
  const pausedByUs = useRef(false);
  useEffect(() => {
    const observer = new IntersectionObserver(([entry]) => {
      if (!entry) return;
      const { status } = sim.store.getState();
      if (!entry.isIntersecting && status === 'running') {
        pausedByUs.current = true;
        sim.pause();
      } else if (entry.isIntersecting && pausedByUs.current) {
        pausedByUs.current = false;
        sim.play();
      }
    });
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [sim]);
}
