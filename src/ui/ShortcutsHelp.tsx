import { useEffect, useRef } from 'react';
import { setShortcutsHelp, useShortcutsHelp } from './shortcutsHelp';
import { SHORTCUTS } from './useKeyboardShortcuts';
import { useReturnFocus } from './useReturnFocus';

/** The compact hint (wide screens) and the "?" button with the list of shortcuts. */
export function ShortcutsHelp() {
  const open = useShortcutsHelp();
  const ref = useRef<HTMLDivElement>(null);
  useReturnFocus(open);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setShortcutsHelp(false);
    };
    window.addEventListener('mousedown', onDown);
    return () => window.removeEventListener('mousedown', onDown);
  }, [open]);
  return (
    <div className="relative ml-auto flex shrink-0 items-center gap-2" ref={ref}>
      <div className="shortcut-hint" aria-hidden="true">
        <kbd>Space</kbd> play · <kbd>→</kbd> step · <kbd>+</kbd>
        <kbd>−</kbd> speed · <kbd>R</kbd> reset
      </div>
      <button
        type="button"
        className="btn btn-ghost btn-icon btn-sm"
        aria-label="Keyboard shortcuts"
        aria-keyshortcuts="?"
        aria-expanded={open}
        aria-controls="shortcuts-panel"
        title="Keyboard shortcuts (?)"
        onClick={(e) => {
          if (e.detail > 0) e.currentTarget.blur();
          setShortcutsHelp('toggle');
        }}
      >
        ?
      </button>
      {open ? (
        <div
          id="shortcuts-panel"
          className="popover shortcuts-popover"
          role="dialog"
          aria-label="Keyboard shortcuts"
        >
          <p className="mb-2 text-sm font-semibold">Keyboard shortcuts</p>
          <dl className="shortcut-list">
            {SHORTCUTS.map(({ keys, join = 'or', what }) => (
              <div key={what} className="contents">
                <dt>
                  {keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 ? <span className="text-muted"> {join} </span> : null}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
    </div>
  );
}
