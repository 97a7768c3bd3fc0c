import { useCallback, useEffect, useRef, useState } from 'react';
import { SimProvider, useSim, useSimulator, type Simulator } from '../state';
import {
  ExportMenu,
  OpenTemplate,
  PatternPicker,
  PlaybackBar,
  RuleEditorHost,
  ShareControls,
  Sidebar,
  ThemeToggle,
  UrlErrorAlert,
  useKeyboardShortcuts,
  useReturnFocus,
  useTheme,
  StrokeIcon,
} from '../ui';
import { BottomSheet, type SheetState } from './BottomSheet';
import { DiagramArea } from './DiagramArea';
import { ChartsPanel } from '../ui/ChartsPanel';
import { useCompactLayout } from './useCompactLayout';
import { useUrlSync } from './useUrlSync';

/** The full app: header, playback, the live diagram, charts, and the guide/parameters panel. */
export function App({ sim, errors }: { sim: Simulator; errors: string[] }) {
  useUrlSync(sim);
  useKeyboardShortcuts(sim);
  return (
    <SimProvider simulator={sim}>
      <RuleEditorHost>
        <Shell errors={errors} />
      </RuleEditorHost>
    </SimProvider>
  );
}

function Shell({ errors }: { errors: string[] }) {
  const sim = useSimulator();
  const { resolved } = useTheme();
  const dark = resolved === 'dark';
  const title = useSim((s) => s.pattern.title);
  const selected = useSim((s) => s.selectedNodeId);
  // On narrow screens the side panel is a drawer: open by its button or by selecting a node.
  const [panelOpen, setPanelOpen] = useState(false);
  const closePanel = useCallback(() => {
    setPanelOpen(false);
    sim.selectNode(null);
  }, [sim]);
  useEffect(() => {
    if (!panelOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (
        e.key === 'Escape' &&
        !sim.store.getState().selectedNodeId &&
        !document.querySelector('dialog:modal')
      )
        setPanelOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [panelOpen, sim]);
  useReturnFocus(panelOpen);
  // Small screens: the panel is a bottom sheet (see BottomSheet), the diagram one column.
  const compact = useCompactLayout();
  const [sheet, setSheet] = useState<SheetState>('peek');
  const sheetRef = useRef<HTMLDivElement>(null);
  const sheetTop = useCallback(
    () => sheetRef.current?.getBoundingClientRect().top ?? window.innerHeight,
    [],
  );
  const [sheetFor, setSheetFor] = useState(selected);
  if (sheetFor !== selected) {
    setSheetFor(selected);
    if (selected !== null && sheet === 'peek') setSheet('half');
  }
  useEffect(() => {
    if (!compact || sheet === 'peek') return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('dialog:modal')) setSheet('peek');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [compact, sheet]);
  const drawerOpen = compact ? sheet !== 'peek' : panelOpen || selected !== null;
  const togglePanel = () => {
    if (compact) {
      if (sheet !== 'peek') sim.selectNode(null);
      setSheet(sheet === 'peek' ? 'half' : 'peek');
    } else if (drawerOpen) closePanel();
    else setPanelOpen(true);
  };
  return (
    <div className="app" data-compact={compact ? 'true' : undefined}>
      <header className="app-header">
        <div className="flex min-w-0 flex-1 items-center gap-3">
          <Logo />
          <div className="app-title min-w-0">
            <h1 className="text-[15px] leading-tight font-semibold">Integration patterns on AWS</h1>
            <p className="text-[11px] leading-tight text-muted">simulated live, in your browser</p>
          </div>
          <div className="app-title mx-2 h-7 w-px bg-[var(--border)]" aria-hidden="true" />
          <PatternPicker />
          <OpenTemplate />
        </div>
        <div className="flex shrink-0 items-center gap-2">
          <ShareControls title={title} />
          <ExportMenu dark={dark} />
          <ThemeToggle />
          <button
            type="button"
            className="btn panel-toggle"
            aria-expanded={drawerOpen}
            aria-controls="side-panel"
            onClick={togglePanel}
          >
            <PanelIcon />
            <span className="btn-text">Guide</span>
          </button>
        </div>
      </header>
      <UrlErrorAlert errors={errors} />
      <main className="app-main">
        <section className="sim-section" aria-label="Simulation">
          <PlaybackBar />
          <DiagramArea dark={dark} compact={compact} visibleBottom={sheetTop} />
          <ChartsPanel dark={dark} />
        </section>
        {compact ? (
          <BottomSheet state={sheet} onState={setSheet} ref={sheetRef}>
            <Sidebar
              open
              onClose={() => {
                sim.selectNode(null);
                setSheet('peek');
              }}
            />
          </BottomSheet>
        ) : (
          <Sidebar open={panelOpen} onClose={closePanel} />
        )}
      </main>
    </div>
  );
}

function PanelIcon() {
  return (
    <StrokeIcon size={15}>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="M15 4v16" />
    </StrokeIcon>
  );
}

function Logo() {
  return (
    <svg width="30" height="30" viewBox="0 0 32 32" aria-hidden="true" className="shrink-0">
      <rect width="32" height="32" rx="8" fill="var(--logo-bg)" />
      <path d="M7 11h7M18 21h7" stroke="#E7157B" strokeWidth="2.4" strokeLinecap="round" />
      <path
        d="M14 11c3 0 1 10 4 10"
        stroke="var(--logo-fg)"
        strokeWidth="2"
        fill="none"
        strokeLinecap="round"
      />
      <circle cx="7" cy="11" r="2.2" fill="#ED7100" />
      <circle cx="25" cy="21" r="2.2" fill="#8C4FFF" />
    </svg>
  );
}
