import { useEffect, useRef, useState } from 'react';
import { searchOf, useSimulator } from '../state';
import { useCopy } from './useCopy';
import { StrokeIcon } from './StrokeIcon';
import { useReturnFocus } from './useReturnFocus';

/** The embed page's address for the current run. */
export function embedUrl(): string {
  return new URL(`embed.html${window.location.search}`, window.location.href).toString();
}

/** The iframe snippet for the current run. */
export function embedSnippet(title: string): string {
  return `<iframe src="${embedUrl()}" title="${title.replace(/"/g, '&quot;')} (live simulation)" width="960" height="540" style="border:0;border-radius:12px" loading="lazy"></iframe>`;
}

/** "Share link" (copies this page's address) and "Embed" (an iframe snippet to copy). */
export function ShareControls({ title }: { title: string }) {
  const sim = useSimulator();
  const { copied, failed, copy } = useCopy();
  const [embedOpen, setEmbedOpen] = useState(false);
  const [shared, setShared] = useState<string | null>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  useReturnFocus(embedOpen);

  useEffect(() => {
    if (!embedOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setEmbedOpen(false);
    };
    const onClick = (e: MouseEvent) => {
      if (panelRef.current && !panelRef.current.contains(e.target as Node)) setEmbedOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onClick);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onClick);
    };
  }, [embedOpen]);

  const link = shared ?? '';
  const snippet = embedOpen ? embedSnippet(title) : '';
  return (
    <div className="relative flex items-center gap-2" ref={panelRef}>
      <button
        type="button"
        className="btn"
        onClick={() => {
          // The link lands at this moment: the speed and the simulated time go with it.
          const search = searchOf(sim.store.getState(), true);
          const href = new URL(search, window.location.href).toString();
          setShared(href);
          copy(href);
        }}
      >
        <LinkIcon />
        <span className="btn-text">
          {copied !== null && copied === link ? 'Link copied' : 'Share link'}
        </span>
      </button>
      <button
        type="button"
        className="btn"
        aria-expanded={embedOpen}
        aria-controls="embed-panel"
        onClick={() => setEmbedOpen((o) => !o)}
      >
        <CodeIcon />
        <span className="btn-text">Embed</span>
      </button>
      {shared !== null && failed ? (
        <input
          className="input input-sm w-64"
          readOnly
          value={shared}
          aria-label="Link to share"
          onFocus={(e) => e.target.select()}
        />
      ) : null}
      {embedOpen ? (
        <div id="embed-panel" className="popover" role="dialog" aria-label="Embed this diagram">
          <p className="text-sm font-semibold">Embed this live diagram</p>
          <p className="mt-1 text-xs text-muted">
            Paste into any HTML page or docs site. It plays this run with these parameters.
          </p>
          <textarea
            className="code-box mt-2"
            readOnly
            rows={4}
            value={snippet}
            aria-label="Embed snippet"
            onFocus={(e) => e.target.select()}
          />
          <div className="mt-2 flex items-center justify-between gap-2">
            <a className="text-xs link" href={embedUrl()} target="_blank" rel="noreferrer">
              Preview the embed ↗
            </a>
            <button type="button" className="btn btn-primary btn-sm" onClick={() => copy(snippet)}>
              {copied === snippet ? 'Copied' : 'Copy snippet'}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function LinkIcon() {
  return (
    <StrokeIcon size={14}>
      <path d="M10 14a4.5 4.5 0 0 0 6.4 0l3-3a4.5 4.5 0 0 0-6.4-6.4l-1 1" />
      <path d="M14 10a4.5 4.5 0 0 0-6.4 0l-3 3a4.5 4.5 0 0 0 6.4 6.4l1-1" />
    </StrokeIcon>
  );
}
function CodeIcon() {
  return (
    <StrokeIcon size={14}>
      <path d="m8 7-5 5 5 5M16 7l5 5-5 5" />
    </StrokeIcon>
  );
}
