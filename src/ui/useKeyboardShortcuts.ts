import { useEffect } from 'react';
import type { Simulator } from '../state';
import { SPEEDS, nearestSpeedIndex } from './speeds';

/** Keys that belong to the focused control (typing a seed, moving a slider, pressing a button). */
function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || tag === 'BUTTON') return true;
  const role = target.getAttribute('role');
  return role === 'switch' || role === 'slider' || role === 'tab';
}

/**
 * Space play/pause, "." or → step, R reset, "+" / "-" faster and slower. Ignored while a form
 * control has focus, so typing and sliders keep their keys.
 */
export function useKeyboardShortcuts(sim: Simulator, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || ownsKeys(e.target)) return;
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
        case 'r':
        case 'R':
          sim.reset();
          break;
        case '+':
        case '=':
          speedBy(1);
          break;
        case '-':
          speedBy(-1);
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sim, enabled]);
}
