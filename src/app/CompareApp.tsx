import { useEffect, useId, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import {
  buildCompareSearch,
  buildSearch,
  SimProvider,
  sideLabels,
  type Comparison,
  type Simulator,
} from '../state';
import { ParamsPanel, ThemeToggle, UrlErrorAlert, useTheme } from '../ui';
import {
  CompareCharts,
  CompareControls,
  CompareTable,
  ComparisonContext,
  SideSettings,
} from '../ui/compare';
import { focusInfo, ownsKey } from '../ui/keyOwner';
import { DiagramArea } from './DiagramArea';
import './compare.css';

// The comparison's clock and runs come with this view's chunk, not with every page's first load.
export { createComparison } from '../state';

/**
 * The compare view (`?compare=A&vs=B&...`): both sides' live diagrams next to each other (stacked
 * on narrow windows), one playback for both, the comparison table, and both sides' charts
 * overlaid on the same axes.
 */
export function CompareApp({ cmp, errors }: { cmp: Comparison; errors: string[] }) {
  const { resolved } = useTheme();
  const dark = resolved === 'dark';
  const patternA = useStore(cmp.a.store, (s) => s.pattern);
  const patternB = useStore(cmp.b.store, (s) => s.pattern);
  // The labels follow each side's settings (they can change in its Settings panel).
  const paramsA = useStore(cmp.a.store, (s) => s.params);
  const paramsB = useStore(cmp.b.store, (s) => s.params);
  const rulesA = useStore(cmp.a.store, (s) => s.rules);
  const rulesB = useStore(cmp.b.store, (s) => s.rules);
  const labels = useMemo(
    () =>
      sideLabels(
        { pattern: patternA, params: paramsA, rules: rulesA },
        { pattern: patternB, params: paramsB, rules: rulesB },
      ),
    [patternA, patternB, paramsA, paramsB, rulesA, rulesB],
  );
  useCompareUrlSync(cmp);
  useCompareShortcuts(cmp);
  useEffect(() => {
    document.title = `${labels.a} vs ${labels.b} · Integration patterns on AWS`;
  }, [labels]);
  return (
    <ComparisonContext.Provider value={cmp}>
      <div className="compare-app">
        <header className="app-header">
          <div className="flex min-w-0 flex-1 items-center gap-3">
            <div className="min-w-0">
              <h1 className="text-[15px] leading-tight font-semibold">
                {labels.offer ? labels.offer.label : 'Compare'}
                <span className="sr-only">: </span>
              </h1>
              <p className="text-[11px] leading-tight text-muted">
                {labels.offer
                  ? labels.offer.description
                  : patternA.id === patternB.id
                    ? `${patternA.title}: two sets of settings under the same load`
                    : `${patternA.title} and ${patternB.title} under the same load`}
              </p>
            </div>
          </div>
          <div className="flex shrink-0 items-center gap-2">
            <ThemeToggle />
          </div>
        </header>
        <UrlErrorAlert errors={errors} />
        <div className="compare-bar">
          <CompareControls />
        </div>
        <main className="compare-main">
          <div className="compare-sides">
            <Side sim={cmp.a} letter="A" label={labels.a} dark={dark} />
            <Side sim={cmp.b} letter="B" label={labels.b} dark={dark} />
          </div>
          <CompareTable labels={labels} />
          <CompareCharts dark={dark} labels={labels} />
        </main>
      </div>
    </ComparisonContext.Provider>
  );
}

/** One side: its letter, name and pattern, a link to open it alone, and its live diagram. */
function Side({
  sim,
  letter,
  label,
  dark,
}: {
  sim: Simulator;
  letter: 'A' | 'B';
  label: string;
  dark: boolean;
}) {
  const pattern = useStore(sim.store, (s) => s.pattern);
  const params = useStore(sim.store, (s) => s.params);
  const seed = useStore(sim.store, (s) => s.seed);
  const rules = useStore(sim.store, (s) => s.rules);
  const [editing, setEditing] = useState(false);
  const panelId = useId();
  return (
    <section
      className="compare-side"
      data-side={letter.toLowerCase()}
      aria-label={`Side ${letter}: ${label}`}
    >
      <div className="compare-side-head">
        <span className="side-letter" aria-hidden="true">
          {letter}
        </span>
        <span className="min-w-0 flex-1">
          <b className="block truncate">{label}</b>
          <span className="block truncate text-xs text-muted">{pattern.title}</span>
        </span>
        <button
          type="button"
          className="btn btn-sm"
          aria-expanded={editing}
          aria-controls={panelId}
          onClick={() => setEditing((open) => !open)}
        >
          {editing ? `Hide ${letter}’s settings` : `Change ${letter}’s settings`}
        </button>
        <a className="btn btn-sm" href={buildSearch(pattern, params, seed, rules)}>
          Open {letter} alone
        </a>
      </div>
      <SideSettings sim={sim} />
      <SimProvider simulator={sim}>
        {editing ? (
          <div
            id={panelId}
            className="compare-side-params"
            role="region"
            aria-label={`Side ${letter}'s settings`}
          >
            <p className="mb-3 text-xs text-muted">
              A change here starts both sides again from t = 0, on the same seed.
            </p>
            <ParamsPanel />
          </div>
        ) : null}
        <DiagramArea dark={dark} />
      </SimProvider>
    </section>
  );
}

/** Keeps the address on the comparison as it is (the seed and each side's settings can change). */
function useCompareUrlSync(cmp: Comparison): void {
  useEffect(() => {
    const write = () => {
      const side = (sim: Simulator) => {
        const { pattern, params, rules } = sim.store.getState();
        return { pattern, params, rules };
      };
      const search = buildCompareSearch(side(cmp.a), side(cmp.b), cmp.store.getState().seed);
      if (window.location.search !== search) window.history.replaceState(null, '', search);
    };
    write();
    const unsubscribe = [
      cmp.store.subscribe((s, prev) => {
        if (s.seed !== prev.seed) write();
      }),
      ...[cmp.a, cmp.b].map((sim) =>
        sim.store.subscribe((s, prev) => {
          if (s.params !== prev.params || s.rules !== prev.rules) write();
        }),
      ),
    ];
    return () => unsubscribe.forEach((u) => u());
  }, [cmp]);
}

/** Space plays or pauses both sides, R resets both. */
function useCompareShortcuts(cmp: Comparison): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (ownsKey(focusInfo(e.target), e.key)) return;
      if (e.key === ' ') cmp.toggle();
      else if (e.key === 'r' || e.key === 'R') cmp.reset();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cmp]);
}
