import type { MouseEvent } from 'react';

/**
 * After a mouse or touch click, gives focus back to the page so Space and the other shortcuts
 * keep working (a focused button would take Space for itself). Keyboard clicks (`detail` 0) keep
 * focus where it is.
 */
export function blurAfterPointer(e: MouseEvent<HTMLElement>): void {
  if (e.detail > 0) e.currentTarget.blur();
}
