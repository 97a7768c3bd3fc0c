import { useStore } from 'zustand';
import { formatClock, formatSpeed } from '../../canvas/format';
import { blurAfterPointer } from '../pointerBlur';
import { PauseIcon, PlayIcon, ResetIcon } from '../playbackIcons';
import { SeedField } from '../SeedInput';
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
  return <SeedField seed={seed} onSeed={(n) => cmp.setSeed(n)} />;
}
