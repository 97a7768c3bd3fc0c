import { useLayoutEffect, useState, type RefObject } from 'react';

/** An element's content size, kept current by a ResizeObserver (0×0 until measured). */
export function useElementSize(ref: RefObject<HTMLElement | null>): {
  width: number;
  height: number;
} {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const width = el.offsetWidth;
      const height = el.offsetHeight;
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/**
 * The height the canvas could have in its column if everything else (the playback bar, the charts
 * at their minimum) kept only what it needs: how much the canvas may shrink before it is pointless.
 */
export function useCanvasRoom(ref: RefObject<HTMLElement | null>): number {
  const [room, setRoom] = useState(Infinity);
  useLayoutEffect(() => {
    const section = ref.current?.parentElement;
    if (!section) return;
    const measure = () => {
      let others = 0;
      for (const child of Array.from(section.children)) {
        if (child === ref.current || !(child instanceof HTMLElement)) continue;
        const min = parseFloat(getComputedStyle(child).minHeight);
        others += Number.isFinite(min) && min > 0 ? min : child.offsetHeight;
      }
      setRoom(section.clientHeight - others);
    };
    measure();
    // The section, and its other children (the charts change their minimum with their rows).
    const observer = new ResizeObserver(measure);
    observer.observe(section);
    for (const child of Array.from(section.children))
      if (child !== ref.current) observer.observe(child);
    return () => observer.disconnect();
  }, [ref]);
  return room;
}
