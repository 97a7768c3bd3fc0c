import { lazy, Suspense, type ReactNode } from 'react';
import { useSim } from '../../state';

// The workflow view brings ELK, the ASL validator and the import dialog: only patterns with a
// state machine load it.
const WorkflowTabs = lazy(() => import('./WorkflowTabs'));

/**
 * The diagram, with "Architecture" and "Workflow" tabs when the pattern has a Step Functions
 * state machine (WorkflowTabs); patterns without one get the architecture alone.
 */
export function DiagramTabs({ dark, children }: { dark: boolean; children: ReactNode }) {
  const hasStateMachine = useSim((s) => s.pattern.nodes.some((n) => n.kind === 'stepFunctions'));
  if (!hasStateMachine) return <>{children}</>;
  return (
    <Suspense fallback={children}>
      <WorkflowTabs dark={dark}>{children}</WorkflowTabs>
    </Suspense>
  );
}
