import { useSim, type LastStep } from '../state';
import { formatClock, formatCount, formatSpeed } from '../canvas/format';

const STATUS_TEXT = {
  idle: 'Ready',
  running: 'Running',
  paused: 'Paused',
  stepping: 'Stepping',
  finished: 'Finished',
} as const;

/**
 * The simulated clock (to the millisecond unless playing), the status, and one line of note: the
 * "can't keep up" warning, the end of the run, or what the last step did. The note has a slot of
 * its own, so it never moves or wraps the bar.
 */
export function PlaybackStatus() {
  const status = useSim((s) => s.status);
  const simTime = useSim((s) => s.live.simTimeMs);
  const running = status === 'running';
  return (
    <>
      <div className="sim-clock" aria-label="Simulated time" title={STATUS_TEXT[status]}>
        <span className="text-muted">t&nbsp;=</span>
        <span className="sim-time tabular-nums" data-testid="sim-time">
          {formatClock(simTime, !running)}
        </span>
        <span className="status-pill" data-status={status}>
          {STATUS_TEXT[status]}
        </span>
      </div>
      <div role="status" aria-live="polite" className="playback-note">
        <Note />
      </div>
    </>
  );
}

function Note() {
  const status = useSim((s) => s.status);
  const behind = useSim((s) => s.live.behind);
  const effective = useSim((s) => s.live.effectiveSpeed);
  const speed = useSim((s) => s.speed);
  const lastStep = useSim((s) => s.live.lastStep);
  const events = useSim((s) => s.live.eventsRun);
  if (status === 'running' && behind) {
    const text = `Simulation can’t keep up: running at ${formatSpeed(Math.max(0.1, effective))} instead of ${formatSpeed(speed)}`;
    return (
      <span className="behind-note" title={text}>
        {text}
      </span>
    );
  }
  if (status === 'finished') {
    return (
      <span className="text-muted">Reached the end of the run. Press Reset to start again.</span>
    );
  }
  if (status === 'running' || events === 0) return null;
  if (!lastStep) {
    const text = `${formatCount(events)} events so far`;
    return (
      <span className="text-muted" data-testid="step-note" title={text}>
        {text}
      </span>
    );
  }
  return <StepNote step={lastStep} />;
}

/** What the last step did, in one sentence, and which event it was (for screen readers too). */
function StepNote({ step }: { step: LastStep }) {
  const title = `${step.text} (event ${formatCount(step.event)}${step.events > 1 ? `; ${formatCount(step.events - 1)} quiet events skipped` : ''})`;
  return (
    <span className="step-note" data-testid="step-note" title={title}>
      {step.text}
    </span>
  );
}
