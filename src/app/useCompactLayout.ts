import { useSyncExternalStore } from 'react';

/**
 * Below this width the app uses its small-screen layout: the diagram as one column read top to
 * bottom, the full width, with the guide and parameters in a bottom sheet.
 */
export const COMPACT_QUERY = '(max-width: 799px)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(COMPACT_QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

/** Whether the window is narrow enough for the small-screen layout. */
export function useCompactLayout(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(COMPACT_QUERY).matches,
    () => false,
  );
}
