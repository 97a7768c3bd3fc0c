import { FlowCanvas } from '../canvas';
import { SimProvider, useSim, type Simulator } from '../state';
import {
  CanvasOverlay,
  ChartsPanel,
  PatternPicker,
  PlaybackBar,
  ShareControls,
  Sidebar,
  ThemeToggle,
  UrlErrorAlert,
  useKeyboardShortcuts,
  useTheme,
} from '../ui';
import { useUrlSync } from './useUrlSync';

/** The full app: header, playback, the live diagram, charts, and the guide/parameters panel. */
export function App({ sim, errors }: { sim: Simulator; errors: string[] }) {
  useUrlSync(sim);
  useKeyboardShortcuts(sim);
  return (
    <SimProvider simulator={sim}>
      <Shell errors={errors} />
    </SimProvider>
  );
}

function Shell({ errors }: { errors: string[] }) {
  const { resolved } = useTheme();
  const dark = resolved === 'dark';
  const title = useSim((s) => s.pattern.title);
  return (
    <div className="app">
      <header className="app-header">
        <div className="flex min-w-0 items-center gap-3">
          <Logo />
          <div className="min-w-0">
            <h1 className="text-[15px] leading-tight font-semibold">Integration patterns on AWS</h1>
            <p className="text-[11px] leading-tight text-muted">simulated live, in your browser</p>
          </div>
          <div className="mx-2 h-7 w-px bg-[var(--border)]" aria-hidden="true" />
          <PatternPicker />
        </div>
        <div className="flex items-center gap-2">
          <ShareControls title={title} />
          <ThemeToggle />
        </div>
      </header>
      <UrlErrorAlert errors={errors} />
      <main className="app-main">
        <section className="flex min-h-0 min-w-0 flex-col" aria-label="Simulation">
          <PlaybackBar />
          <div className="canvas-wrap">
            <FlowCanvas colorMode={dark ? 'dark' : 'light'} />
            <CanvasOverlay dark={dark} />
          </div>
          <ChartsPanel dark={dark} />
        </section>
        <Sidebar />
      </main>
    </div>
  );
}

function Logo() {
  return (
    <svg width="30" height="30" viewBox="0 0 32 32" aria-hidden="true">
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
