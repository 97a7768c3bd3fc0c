import { useRef } from 'react';
import { useSim, useSimulator } from '../state';
import { formatSpeed } from '../canvas/format';
import { PauseIcon, PlayIcon, ResetIcon, StepBackIcon, StepIcon } from './playbackIcons';
import { PlaybackStatus } from './PlaybackStatus';
import { blurAfterPointer } from './pointerBlur';
import { SeedInput } from './SeedInput';
import { ShortcutsHelp } from './ShortcutsHelp';
import { SPEEDS } from './speeds';

/** Play/pause, step, reset, speed, seed, the simulated clock, and a one-line note. */
export function PlaybackBar({ compact = false }: { compact?: boolean }) {
  const sim = useSimulator();
  const status = useSim((s) => s.status);
  const running = status === 'running';
  const canGoBack = useSim((s) => s.live.eventsRun > 0);

  return (
    <div className="playback" role="toolbar" aria-label="Playback">
      <button
        type="button"
        className="btn btn-primary btn-play"
        onClick={(e) => {
          blurAfterPointer(e);
          sim.toggle();
        }}
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
            className="btn btn-icon"
            onClick={(e) => {
              blurAfterPointer(e);
              sim.stepBack();
            }}
            disabled={!canGoBack}
            aria-label="Step back to the previous event"
            aria-keyshortcuts="ArrowLeft ,"
            title="Step back to the previous event (← or ,): replays the run from its seed"
          >
            <StepBackIcon />
          </button>
          <button
            type="button"
            className="btn"
            onClick={(e) => {
              blurAfterPointer(e);
              sim.step();
            }}
            disabled={status === 'finished'}
            aria-label="Step to the next event"
            aria-keyshortcuts="ArrowRight ."
            title="Step to the next event (→ or .)"
          >
            <StepIcon />
            <span className="btn-text">Step</span>
          </button>
          <button
            type="button"
            className="btn"
            onClick={(e) => {
              blurAfterPointer(e);
              sim.reset();
            }}
            aria-label="Reset"
            aria-keyshortcuts="R"
            title="Reset to t = 0 (R)"
          >
            <ResetIcon />
            <span className="btn-text">Reset</span>
          </button>
        </>
      )}
      <SpeedSelect />
      {compact ? null : <SeedInput />}
      <PlaybackStatus />
      {compact ? null : <ShortcutsHelp />}
    </div>
  );
}

/** The speed; after a choice made with the mouse the page gets focus back (Space plays again). */
function SpeedSelect() {
  const sim = useSimulator();
  const speed = useSim((s) => s.speed);
  const byPointer = useRef(false);
  return (
    <label className="speed-control flex items-center gap-1.5 text-xs text-muted">
      Speed
      <select
        className="select select-sm tabular-nums"
        aria-label="Speed"
        aria-keyshortcuts="+ -"
        title="Speed (+ faster, − slower)"
        value={String(speed)}
        onPointerDown={() => {
          byPointer.current = true;
        }}
        onKeyDown={() => {
          byPointer.current = false;
        }}
        onChange={(e) => {
          sim.setSpeed(Number(e.target.value));
          if (byPointer.current) e.currentTarget.blur();
        }}
      >
        {SPEEDS.map((s) => (
          <option key={s} value={String(s)}>
            {formatSpeed(s)}
          </option>
        ))}
        {/* A speed from a link or a scenario that is not on the list is shown as it is. */}
        {(SPEEDS as readonly number[]).includes(speed) ? null : (
          <option value={String(speed)}>{formatSpeed(speed)}</option>
        )}
      </select>
    </label>
  );
}
