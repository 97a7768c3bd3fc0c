import { lazy, Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { RuleEditorContext, type OpenRule } from '../canvas/ruleEdges';

// The editor brings the rule engines' validators (SNS filter policies, EventBridge patterns): it
// loads when a rule is first opened, not with the page.
const RuleEditorDialog = lazy(() =>
  import('./RuleEditor').then((m) => ({ default: m.RuleEditorDialog })),
);

/**
 * Holds which rule is open in the editor and who opened it; gives the canvas labels and the
 * panels a way to open one (RuleEditorContext), and draws the editor.
 */
export function RuleEditorHost({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<{ edgeId: string } | null>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const openRule = useCallback<OpenRule>((edgeId, opener) => {
    returnTo.current = opener;
    setOpen({ edgeId });
  }, []);
  const close = useCallback(() => setOpen(null), []);
  // Once the modal is gone (focus outside it is possible again), the focus goes back to the
  // control that opened it, if that is still on the page.
  useEffect(() => {
    if (open) return;
    const opener = returnTo.current;
    returnTo.current = null;
    if (opener?.isConnected) opener.focus();
  }, [open]);
  return (
    <RuleEditorContext.Provider value={openRule}>
      {children}
      {open ? (
        <Suspense fallback={null}>
          <RuleEditorDialog key={open.edgeId} edgeId={open.edgeId} onClose={close} />
        </Suspense>
      ) : null}
    </RuleEditorContext.Provider>
  );
}
