import { useRef, useState, type PointerEvent, type ReactNode, type Ref } from 'react';

/** How far the sheet is pulled up: a strip with the tabs, half the screen, or nearly all of it. */
export type SheetState = 'peek' | 'half' | 'full';

/** A pull shorter than this is a tap on the handle, not a drag. */
const TAP_PX = 6;

/**
 * The small-screen home of the side panel: a sheet along the bottom that leaves the diagram
 * visible above it. Its handle toggles between the strip and half the screen, or drags it to any
 * of the three heights; a tab tapped in the strip opens it to half.
 */
export function BottomSheet({
  state,
  onState,
  ref,
  children,
}: {
  state: SheetState;
  onState: (state: SheetState) => void;
  ref?: Ref<HTMLDivElement>;
  children: ReactNode;
}) {
  const drag = useRef<{ startY: number; startHeight: number; moved: boolean } | null>(null);
  const [height, setHeight] = useState<number | null>(null);
  // The click that ends a drag is not a tap.
  const dragged = useRef(false);

  const onPointerDown = (e: PointerEvent<HTMLButtonElement>) => {
    const sheet = e.currentTarget.parentElement;
    if (!sheet) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { startY: e.clientY, startHeight: sheet.offsetHeight, moved: false };
  };
  const onPointerMove = (e: PointerEvent<HTMLButtonElement>) => {
    const d = drag.current;
    if (!d) return;
    const dy = d.startY - e.clientY;
    if (Math.abs(dy) > TAP_PX) d.moved = true;
    if (d.moved) setHeight(Math.max(40, Math.min(window.innerHeight - 48, d.startHeight + dy)));
  };
  const onPointerUp = () => {
    const d = drag.current;
    drag.current = null;
    if (!d || !d.moved || height === null) return;
    dragged.current = true;
    // Snap to the nearest of the three heights.
    const vh = window.innerHeight;
    const stops: [SheetState, number][] = [
      ['peek', 0],
      ['half', vh * 0.5],
      ['full', vh - 56],
    ];
    let best = stops[0] as [SheetState, number];
    for (const stop of stops)
      if (Math.abs(stop[1] - height) < Math.abs(best[1] - height)) best = stop;
    setHeight(null);
    onState(best[0]);
  };

  return (
    <div
      className="sheet"
      data-sheet={state}
      data-dragging={height !== null ? 'true' : undefined}
      ref={ref}
      style={height !== null ? { height } : undefined}
      onClickCapture={(e) => {
        if (state === 'peek' && (e.target as HTMLElement).closest('[role="tab"]')) onState('half');
      }}
    >
      <button
        type="button"
        className="sheet-handle"
        aria-label={state === 'peek' ? 'Open the panel' : 'Lower the panel'}
        aria-expanded={state !== 'peek'}
        aria-controls="side-panel"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          drag.current = null;
          setHeight(null);
        }}
        onClick={() => {
          if (dragged.current) {
            dragged.current = false;
            return;
          }
          onState(state === 'peek' ? 'half' : 'peek');
        }}
      />
      {children}
    </div>
  );
}
