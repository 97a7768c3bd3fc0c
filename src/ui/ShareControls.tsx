import { useEffect, useRef, useState } from 'react';
import { searchOf, useSimulator } from '../state';
import type { EmbedOptions } from '../state/embedOptions';
import {
  SNIPPET_FORMATS,
  embedPageUrl,
  snippet,
  type SnippetFormat,
  type SnippetInput,
} from './embedSnippets';
import { useCopy } from './useCopy';
import { StrokeIcon } from './StrokeIcon';
import { useReturnFocus } from './useReturnFocus';

/** The site's root: where index.html, embed.html and pattern-sim.js are. */
function siteUrl(): string {
  return new URL('./', window.location.href).toString();
}

/** The Embed dialog's choices, and the snippet input they make for the current run. */
function snippetInput(title: string, options: Partial<EmbedOptions>): SnippetInput {
  return { siteUrl: siteUrl(), search: window.location.search, title, options };
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
  const [format, setFormat] = useState<SnippetFormat>('html');
  const [theme, setTheme] = useState<EmbedOptions['theme']>('auto');
  const [controls, setControls] = useState<'playback' | 'none'>('playback');
  const [autoplay, setAutoplay] = useState(true);
  const [sizing, setSizing] = useState<'content' | '16:9' | '4:3'>('content');
  const input = snippetInput(title, {
    theme,
    controls: { kind: controls },
    autoplay,
    aspect: sizing === '16:9' ? 16 / 9 : sizing === '4:3' ? 4 / 3 : null,
  });
  const text = embedOpen ? snippet(format, input) : '';
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
        <div
          id="embed-panel"
          className="popover embed-popover"
          role="dialog"
          aria-label="Embed this diagram"
        >
          <p className="text-sm font-semibold">Embed this live diagram</p>
          <p className="mt-1 text-xs text-muted">
            For a docs page: it fills the column&rsquo;s width and plays this run with these
            parameters, and pauses while scrolled out of view.
          </p>
          <div className="embed-options mt-2">
            <label>
              Theme
              <select
                className="select select-sm"
                value={theme}
                onChange={(e) => setTheme(e.target.value as EmbedOptions['theme'])}
              >
                <option value="auto">Reader&rsquo;s</option>
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            </label>
            <label>
              Controls
              <select
                className="select select-sm"
                value={controls}
                onChange={(e) => setControls(e.target.value as 'playback' | 'none')}
              >
                <option value="playback">Playback</option>
                <option value="none">None</option>
              </select>
            </label>
            <label>
              Height
              <select
                className="select select-sm"
                value={sizing}
                onChange={(e) => setSizing(e.target.value as 'content' | '16:9' | '4:3')}
              >
                <option value="content">Fit the diagram</option>
                <option value="16:9">16:9</option>
                <option value="4:3">4:3</option>
              </select>
            </label>
            <label className="embed-check">
              <input
                type="checkbox"
                checked={autoplay}
                onChange={(e) => setAutoplay(e.target.checked)}
              />
              Play on load
            </label>
          </div>
          <div className="embed-formats mt-2" role="radiogroup" aria-label="Snippet format">
            {SNIPPET_FORMATS.map((f) => (
              <button
                key={f.id}
                type="button"
                role="radio"
                aria-checked={format === f.id}
                className="btn btn-sm"
                onClick={() => setFormat(f.id)}
              >
                {f.label}
              </button>
            ))}
          </div>
          <textarea
            className="code-box mt-2"
            readOnly
            rows={format === 'html' && sizing === 'content' ? 9 : 5}
            value={text}
            aria-label="Embed snippet"
            onFocus={(e) => e.target.select()}
          />
          <div className="mt-2 flex items-center justify-between gap-2">
            <a className="text-xs link" href={embedPageUrl(input)} target="_blank" rel="noreferrer">
              Preview the embed ↗
            </a>
            <button type="button" className="btn btn-primary btn-sm" onClick={() => copy(text)}>
              {copied === text ? 'Copied' : 'Copy snippet'}
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
