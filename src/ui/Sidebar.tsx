import { lazy, Suspense, useState, type KeyboardEvent } from 'react';
import { LINK_DEFINITION_KEYS } from '../kit/linkKeys';
import { hasRuleEdges } from '../canvas/ruleEdges';
import { useSim, useSimulator } from '../state';
import { CostPanel } from './CostPanel';
import { ExplanationPanel } from './ExplanationPanel';
import { NodeDetails } from './NodeDetails';
import { ParamsPanel } from './ParamsPanel';

// The test panel runs messages through the rule engines: it loads when its tab is first opened.
const TestPanel = lazy(() => import('./TestPanel').then((m) => ({ default: m.TestPanel })));
// What an imported template left out: its reader loads only with an imported architecture.
const TemplatePanel = lazy(() =>
  import('./TemplatePanel').then((m) => ({ default: m.TemplatePanel })),
);

const ALL_TABS = [
  { id: 'guide', label: 'Guide' },
  { id: 'params', label: 'Parameters' },
  // Only for patterns with subscriptions or rules: the sandbox that tests a message against them.
  { id: 'test', label: 'Test rules' },
  { id: 'cost', label: 'Cost' },
] as const;
type TabId = (typeof ALL_TABS)[number]['id'];

/**
 * The side panel: the pattern's guide (explanation, what to try) and its parameters; while a node
 * is selected, that node's details take the panel's place (the diagram stays uncovered). On narrow
 * screens it is a drawer: `open` shows it, `onClose` is its close button.
 */
export function Sidebar({
  initialTab = 'guide',
  open = false,
  onClose,
}: {
  initialTab?: TabId;
  open?: boolean;
  onClose?: () => void;
}) {
  const sim = useSimulator();
  const [chosen, setTabState] = useState<TabId>(initialTab);
  const selected = useSim((s) => s.selectedNodeId);
  const pattern = useSim((s) => s.pattern);
  const imported = pattern.linkParams?.[LINK_DEFINITION_KEYS.template] !== undefined;
  const TABS = ALL_TABS.filter((t) => t.id !== 'test' || hasRuleEdges(pattern));
  const tab: TabId = TABS.some((t) => t.id === chosen) ? chosen : 'guide';
  const setTab = (id: TabId) => {
    sim.selectNode(null);
    setTabState(id);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const i = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    if (next) {
      setTab(next.id);
      document.getElementById(`tab-${next.id}`)?.focus();
    }
  };
  return (
    <aside
      id="side-panel"
      className="sidebar"
      data-open={open || selected !== null ? 'true' : undefined}
      aria-label="Pattern guide and parameters"
    >
      <div className="tabs-row">
        <div role="tablist" aria-label="Panels" className="tabs" onKeyDown={onKeyDown}>
          {TABS.map((t) => (
            <button
              key={t.id}
              id={`tab-${t.id}`}
              type="button"
              role="tab"
              aria-selected={tab === t.id && !selected}
              aria-controls={`panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              className="tab"
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {onClose ? (
          <button
            type="button"
            className="btn btn-ghost btn-icon drawer-close"
            aria-label="Close the panel"
            title="Close (Esc)"
            onClick={onClose}
          >
            ✕
          </button>
        ) : null}
      </div>
      {selected ? (
        <div className="sidebar-body">
          <NodeDetails />
        </div>
      ) : (
        <div
          id={`panel-${tab}`}
          role="tabpanel"
          aria-labelledby={`tab-${tab}`}
          className="sidebar-body"
        >
          {/* The panel's own heading (its tab says it on screen), so its sections' h3s follow an h2. */}
          <h2 className="sr-only">{TABS.find((t) => t.id === tab)?.label}</h2>
          {tab === 'guide' ? (
            <>
              {imported ? (
                <Suspense fallback={null}>
                  <TemplatePanel />
                </Suspense>
              ) : null}
              <ExplanationPanel />
            </>
          ) : tab === 'params' ? (
            <ParamsPanel />
          ) : tab === 'cost' ? (
            <CostPanel />
          ) : (
            <Suspense fallback={<p className="text-sm text-muted">Loading the test panel…</p>}>
              <TestPanel key={pattern.id} />
            </Suspense>
          )}
        </div>
      )}
    </aside>
  );
}
