import { useState } from 'react';

/**
 * A key that changes each time `value` grows: give it to an element with a CSS animation and the
 * animation replays (the red flash on new errors). No timers involved.
 */
export function useFlashKey(value: number): number {
  const [previous, setPrevious] = useState(value);
  const [key, setKey] = useState(0);
  if (value !== previous) {
    setPrevious(value);
    if (value > previous) setKey(key + 1);
  }
  return key;
}
