import { useState } from 'react';
import { useStore } from 'zustand';
import { formatClock, formatSpeed } from '../../canvas/format';
import { DEFAULT_SEED } from '../../state';
import { blurAfterPointer } from '../pointerBlur';
import { seedProblem } from '../SeedInput';
import { SPEEDS } from '../speeds';
import { useComparison, useComparisonState } from './context';

const STATUS_TEXT = {
  idle: 'Ready',
  running: 'Running',
  paused: 'Paused',
  stepping: 'Stepping',
  finished: 'Finished',
} as const;

/** One play/pause, reset, speed and seed for both sides, and the simulated time they share. */
export function CompareControls() {
  const cmp = useComparison();
  const status = useComparisonState((s) => s.status);
  const speed = useComparisonState((s) => s.speed);
  const running = status === 'running';
  const timeA = useStore(cmp.a.store, (s) => s.live.simTimeMs);
  const timeB = useStore(cmp.b.store, (s) => s.live.simTimeMs);
  // The slower side sets the pace of both: say so when it cannot keep up with the speed asked.
  const behind = useComparisonState((s) => s.behind);
  const pace = useComparisonState((s) => s.pace);
  return (
    <div className="playback" role="toolbar" aria-label="Playback of both sides">
      <button
        type="button"
        className="btn btn-primary btn-play"
        onClick={(e) => {
          blurAfterPointer(e);
          cmp.toggle();
        }}
        disabled={status === 'finished'}
        aria-label={running ? 'Pause' : 'Play'}
        aria-keyshortcuts="Space"
        title={running ? 'Pause both (Space)' : 'Play both (Space)'}
      >
        {running ? <PauseIcon /> : <PlayIcon />}
        <span>{running ? 'Pause' : 'Play'}</span>
      </button>
      <button
        type="button"
        className="btn"
        onClick={(e) => {
          blurAfterPointer(e);
          cmp.reset();
        }}
        aria-label="Reset"
        aria-keyshortcuts="R"
        title="Reset both to t = 0 (R)"
      >
        <ResetIcon />
        <span className="btn-text">Reset</span>
      </button>
      <label className="speed-control flex items-center gap-1.5 text-xs text-muted">
        Speed
        <select
          className="select select-sm tabular-nums"
          aria-label="Speed"
          value={String(speed)}
          onChange={(e) => cmp.setSpeed(Number(e.target.value))}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={String(s)}>
              {formatSpeed(s)}
            </option>
          ))}
        </select>
      </label>
      <CompareSeed />
      <div className="sim-clock" aria-label="Simulated time" title={STATUS_TEXT[status]}>
        <span className="text-muted">t&nbsp;=</span>
        <span className="sim-time tabular-nums" data-testid="sim-time">
          {formatClock(Math.min(timeA, timeB), !running)}
        </span>
        <span className="status-pill" data-status={status}>
          {STATUS_TEXT[status]}
        </span>
      </div>
      <p role="status" aria-live="polite" className="playback-note text-xs text-muted">
        {running && behind
          ? `Can't keep up: both sides run at about ${formatSpeed(pace)}, the pace of the slower.`
          : 'Both sides: the same seeded arrivals at the same simulated time.'}
      </p>
    </div>
  );
}

/** The seed both sides share; a new one restarts both at t = 0. */
function CompareSeed() {
  const cmp = useComparison();
  const seed = useComparisonState((s) => s.seed);
  const [draft, setDraft] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    setDraft(null);
    const problem = seedProblem(draft, seed);
    setNote(problem);
    if (!problem && Number(draft) !== seed) cmp.setSeed(Number(draft));
  };
  return (
    <label className="relative flex items-center gap-1.5 text-xs text-muted">
      Seed
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        className="input input-sm w-20 tabular-nums"
        aria-label="Seed"
        aria-invalid={note ? true : undefined}
        placeholder={String(DEFAULT_SEED)}
        value={draft ?? String(seed)}
        onChange={(e) => {
          setNote(null);
          setDraft(e.target.value);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
      {note ? (
        <span className="seed-note" role="status">
          {note}
        </span>
      ) : null}
    </label>
  );
}

const icon = { width: 14, height: 14, viewBox: '0 0 16 16', 'aria-hidden': true } as const;
function PlayIcon() {
  return (
    <svg {...icon} fill="currentColor">
      <path d="M4 2.5v11l9-5.5z" />
    </svg>
  );
}
function PauseIcon() {
  return (
    <svg {...icon} fill="currentColor">
      <rect x="3.5" y="2.5" width="3.2" height="11" rx="1" />
      <rect x="9.3" y="2.5" width="3.2" height="11" rx="1" />
    </svg>
  );
}
function ResetIcon() {
  return (
    <svg {...icon} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
      <path d="M3 8a5 5 0 1 0 1.6-3.7" />
      <path d="M3 2.5v3h3" />
    </svg>
  );
}
