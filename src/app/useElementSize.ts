import { useLayoutEffect, useState } from 'react';

/**
 * An element's content size, kept current by a ResizeObserver (0×0 until measured). It takes the
 * element itself (keep it in state with a callback ref), so an element that is replaced, e.g. when
 * the lazily loaded Workflow tabs mount the diagram again, is measured instead of the detached one.
 */
export function useElementSize(el: HTMLElement | null): {
  width: number;
  height: number;
} {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
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
  }, [el]);
  return size;
}
