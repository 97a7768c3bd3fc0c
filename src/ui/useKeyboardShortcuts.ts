import { useEffect } from 'react';
import type { Simulator } from '../state';
import { focusInfo, ownsKey } from './keyOwner';
import { setShortcutsHelp } from './shortcutsHelp';
import { SPEEDS, nearestSpeedIndex } from './speeds';

/** The shortcuts, as the help popover lists them. */
export const SHORTCUTS: { keys: string[]; join?: string; what: string }[] = [
  { keys: ['Space'], what: 'Play / pause' },
  { keys: ['→', '.'], what: 'Step to the next event' },
  { keys: ['←', ','], what: 'Step back to the previous event' },
  { keys: ['+', '−'], what: 'Faster / slower' },
  { keys: ['R'], what: 'Reset to t = 0' },
  { keys: ['Tab', 'Enter'], join: 'then', what: 'Open a service’s details' },
  { keys: ['Esc'], what: 'Close details or this list' },
  { keys: ['?'], what: 'Show these shortcuts' },
];

/**
 * Space play/pause, "." or → step, "," or ← step back, R reset, "+" / "-" faster and slower, "?" the list. A focused
 * control keeps the keys it needs (see {@link ownsKey}); the rest still reach the shortcuts.
 */
export function useKeyboardShortcuts(sim: Simulator, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (ownsKey(focusInfo(e.target), e.key)) return;
      const speedBy = (delta: number) => {
        const i = nearestSpeedIndex(sim.store.getState().speed) + delta;
        sim.setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, i))] as number);
      };
      switch (e.key) {
        case ' ':
          sim.toggle();
          break;
        case '.':
        case 'ArrowRight':
          sim.step();
          break;
        case ',':
        case 'ArrowLeft':
          sim.stepBack();
          break;
        case 'r':
        case 'R':
          sim.reset();
          break;
        case '+':
        case '=':
          speedBy(1);
          break;
        case '-':
        case '_':
        case '−':
          speedBy(-1);
          break;
        case '?':
          setShortcutsHelp('toggle');
          break;
        case 'Escape':
          setShortcutsHelp(false);
          return;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sim, enabled]);
}
