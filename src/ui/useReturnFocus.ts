import { useEffect } from 'react';

/**
 * While `open`, remembers the control that had the focus when the panel or popover opened; when
 * it closes (Esc, its close button) and the focus went down with it, gives the focus back to that
 * control, so a keyboard user goes on from where they were. A close by clicking elsewhere keeps
 * the focus where the click put it.
 */
export function useReturnFocus(open: boolean): void {
  useEffect(() => {
    if (!open) return;
    const opener = document.activeElement;
    return () => {
      const now = document.activeElement;
      const lost = now === null || now === document.body;
      if (lost && opener instanceof HTMLElement && opener !== document.body && opener.isConnected)
        opener.focus();
    };
  }, [open]);
}
