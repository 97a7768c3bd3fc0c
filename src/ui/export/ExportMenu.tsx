import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { StrokeIcon } from '../StrokeIcon';

// The panel's content (the SVG builder's helpers, scenarios, the catalog) loads when it opens.
const ExportPanel = lazy(() => import('./ExportPanel').then((m) => ({ default: m.ExportPanel })));

/**
 * "Export": the diagram as SVG or PNG with this moment's numbers, a short clip of the run (WebM or
 * GIF) at a chosen speed and length, and the scenario as JSON, with Import to open one.
 */
export function ExportMenu({ dark }: { dark: boolean }) {
  const [open, setOpen] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onClick = (e: MouseEvent) => {
      if (panelRef.current && !panelRef.current.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onClick);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  return (
    <div className="relative" ref={panelRef}>
      <button
        ref={buttonRef}
        type="button"
        className="btn"
        aria-expanded={open}
        aria-controls="export-panel"
        onClick={() => setOpen((o) => !o)}
      >
        <ExportIcon />
        <span className="btn-text">Export</span>
      </button>
      {open ? (
        <div id="export-panel" className="popover export-panel" role="dialog" aria-label="Export">
          <Suspense fallback={<p className="text-xs text-muted">Loading…</p>}>
            <ExportPanel dark={dark} />
          </Suspense>
        </div>
      ) : null}
    </div>
  );
}

function ExportIcon() {
  return (
    <StrokeIcon size={14}>
      <path d="M12 4v11M7.5 10.5 12 15l4.5-4.5" />
      <path d="M5 19h14" />
    </StrokeIcon>
  );
}
