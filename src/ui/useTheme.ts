import { useCallback, useEffect, useSyncExternalStore } from 'react';

/** The reader's choice: follow the OS, or a fixed theme. */
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'aips-theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';
const listeners = new Set<() => void>();

function readChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  const media = window.matchMedia(DARK_QUERY);
  media.addEventListener('change', onChange);
  return () => {
    listeners.delete(onChange);
    media.removeEventListener('change', onChange);
  };
}

function snapshot(): string {
  const choice = readChoice();
  const dark = choice === 'dark' || (choice === 'system' && window.matchMedia(DARK_QUERY).matches);
  return `${choice}:${dark ? 'dark' : 'light'}`;
}

/** The theme: the choice, what it resolves to, and setters. Puts `dark` on <html> when dark. */
export function useTheme(): {
  choice: ThemeChoice;
  resolved: 'light' | 'dark';
  toggle: () => void;
} {
  const [choice, resolved] = useSyncExternalStore(subscribe, snapshot, () => 'system:light').split(
    ':',
  ) as [ThemeChoice, 'light' | 'dark'];
  useEffect(() => {
    document.documentElement.classList.toggle('dark', resolved === 'dark');
    document.documentElement.style.colorScheme = resolved;
  }, [resolved]);
  const toggle = useCallback(() => {
    const next = resolved === 'dark' ? 'light' : 'dark';
    // Choosing what the OS already prefers means "follow the OS" again.
    const osDark = window.matchMedia(DARK_QUERY).matches;
    try {
      if ((next === 'dark') === osDark) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, next);
    } catch {
      // Private mode: the toggle still works for this page.
    }
    for (const listener of listeners) listener();
  }, [resolved]);
  return { choice, resolved, toggle };
}
