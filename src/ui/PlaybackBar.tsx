import { useState } from 'react';
import { useSim, useSimulator } from '../state';
import { formatClock, formatSpeed } from './format';
import { SPEEDS } from './speeds';

const STATUS_TEXT = {
  idle: 'Ready',
  running: 'Running',
  paused: 'Paused',
  stepping: 'Stepping',
  finished: 'Finished',
} as const;

/** Play/pause, step, reset, speed, seed, the simulated clock, and the "can't keep up" warning. */
export function PlaybackBar({ compact = false }: { compact?: boolean }) {
  const sim = useSimulator();
  const status = useSim((s) => s.status);
  const speed = useSim((s) => s.speed);
  const simTime = useSim((s) => s.live.simTimeMs);
  const behind = useSim((s) => s.live.behind);
  const effective = useSim((s) => s.live.effectiveSpeed);
  const running = status === 'running';

  return (
    <div className="playback" role="toolbar" aria-label="Playback">
      <button
        type="button"
        className="btn btn-primary btn-play"
        onClick={() => sim.toggle()}
        disabled={status === 'finished'}
        aria-label={running ? 'Pause' : 'Play'}
        aria-keyshortcuts="Space"
        title={running ? 'Pause (Space)' : 'Play (Space)'}
      >
        {running ? <PauseIcon /> : <PlayIcon />}
        <span>{running ? 'Pause' : 'Play'}</span>
      </button>
      {compact ? null : (
        <>
          <button
            type="button"
            className="btn"
            onClick={() => sim.step()}
            disabled={status === 'finished'}
            aria-label="Step to the next event"
            aria-keyshortcuts=". ArrowRight"
            title="Step to the next event (. or →)"
          >
            <StepIcon />
            <span>Step</span>
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => sim.reset()}
            aria-label="Reset"
            aria-keyshortcuts="R"
            title="Reset to t = 0 (R)"
          >
            <ResetIcon />
            <span>Reset</span>
          </button>
        </>
      )}
      <label className="flex items-center gap-1.5 text-xs text-muted">
        Speed
        <select
          className="select select-sm tabular-nums"
          aria-label="Speed"
          value={String(speed)}
          onChange={(e) => sim.setSpeed(Number(e.target.value))}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={String(s)}>
              {formatSpeed(s)}
            </option>
          ))}
        </select>
      </label>
      {compact ? null : <SeedInput />}
      <div className="sim-clock" aria-label="Simulated time" title={`${STATUS_TEXT[status]}`}>
        <span className="text-muted">t =</span>{' '}
        <span className="tabular-nums" data-testid="sim-time">
          {formatClock(simTime)}
        </span>
        <span className="status-pill" data-status={status}>
          {STATUS_TEXT[status]}
        </span>
      </div>
      <div role="status" aria-live="polite" className="min-w-0">
        {running && behind ? (
          <span className="behind-note">
            Simulation can’t keep up: running at {formatSpeed(Math.max(0.1, effective))} instead of{' '}
            {formatSpeed(speed)}
          </span>
        ) : status === 'finished' ? (
          <span className="text-xs text-muted">
            Reached the end of the run. Press Reset to start again.
          </span>
        ) : null}
      </div>
      {compact ? null : (
        <div className="ml-auto hidden text-[11px] text-muted xl:block" aria-hidden="true">
          <kbd>Space</kbd> play/pause · <kbd>.</kbd> step · <kbd>R</kbd> reset
        </div>
      )}
    </div>
  );
}

function SeedInput() {
  const sim = useSimulator();
  const seed = useSim((s) => s.seed);
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const n = Number(draft);
    setDraft(null);
    if (Number.isInteger(n) && n >= 0 && n <= 0xffffffff && n !== seed) sim.setSeed(n);
  };
  return (
    <label className="flex items-center gap-1.5 text-xs text-muted">
      Seed
      <input
        type="number"
        className="input input-sm w-20 tabular-nums"
        aria-label="Seed"
        min={0}
        step={1}
        value={draft ?? String(seed)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
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
function StepIcon() {
  return (
    <svg {...icon} fill="currentColor">
      <path d="M3 2.5v11l7-5.5z" />
      <rect x="11" y="2.5" width="2.5" height="11" rx="1" />
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
