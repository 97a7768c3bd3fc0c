import { useState, type ReactNode } from 'react';
import { useSim } from '../../state';
import { workflowNodeId } from '../../state/workflow';
import { AslControls } from './AslControls';
import { WorkflowView } from './WorkflowView';
import './workflow.css';

/**
 * "Architecture" and "Workflow" tabs over the diagram of a pattern with a Step Functions state
 * machine: the services as a graph, or the state machine's workflow with live counts and one
 * execution followed. Loaded by DiagramTabs only for such patterns (its own chunk).
 */
export default function WorkflowTabs({ dark, children }: { dark: boolean; children: ReactNode }) {
  const pattern = useSim((s) => s.pattern);
  const [tab, setTab] = useState<'architecture' | 'workflow'>('architecture');
  if (!workflowNodeId(pattern)) return <>{children}</>;
  return (
    <>
      <div className="wf-tabs">
        {/* A tablist may hold only tabs: the import and export buttons sit beside it. */}
        <div className="wf-tablist" role="tablist" aria-label="Views">
          <button
            type="button"
            role="tab"
            id="tab-architecture"
            aria-selected={tab === 'architecture'}
            aria-controls="panel-architecture"
            onClick={() => setTab('architecture')}
          >
            Architecture
          </button>
          <button
            type="button"
            role="tab"
            id="tab-workflow"
            aria-selected={tab === 'workflow'}
            aria-controls="panel-workflow"
            onClick={() => setTab('workflow')}
          >
            Workflow
          </button>
        </div>
        <span className="flex-1" />
        <AslControls onImported={() => setTab('workflow')} />
      </div>
      {tab === 'architecture' ? (
        <div
          role="tabpanel"
          id="panel-architecture"
          aria-labelledby="tab-architecture"
          className="contents"
        >
          {children}
        </div>
      ) : (
        <div role="tabpanel" id="panel-workflow" aria-labelledby="tab-workflow">
          <WorkflowView dark={dark} />
        </div>
      )}
    </>
  );
}
