import { useSyncExternalStore } from 'react';

/** Whether the keyboard-shortcuts popover is open: one per page, opened by "?" or its button. */
let open = false;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Opens, closes or toggles the shortcuts popover. */
export function setShortcutsHelp(next: boolean | 'toggle'): void {
  const value = next === 'toggle' ? !open : next;
  if (value === open) return;
  open = value;
  for (const listener of listeners) listener();
}

/** True while the shortcuts popover is open. */
export function useShortcutsHelp(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => open,
    () => false,
  );
}
