import type { PatternDefinition } from '../patterns';
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
  const pattern = useSim((s) => s.pattern);
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
  const text = lastStep
    ? `event ${formatCount(lastStep.event)} · ${describeStep(lastStep, pattern)}`
    : `${formatCount(events)} events so far`;
  return (
    <span className="text-muted" data-testid="step-note" title={text}>
      {text}
    </span>
  );
}

/** "message #12 → Lambda "Customer"", "response #12 → User", or "no message moved". */
export function describeStep(step: LastStep, pattern: PatternDefinition): string {
  const hop = step.hop;
  if (!hop) return 'no message moved (a timer or a sample)';
  const edge = pattern.edges.find((e) => e.id === hop.edgeId);
  const to = edge ? (hop.reverse ? edge.source : edge.target) : undefined;
  const label = pattern.nodes.find((n) => n.id === to)?.label ?? hop.edgeId;
  return `${hop.reverse ? 'response' : 'message'} #${hop.msgId} → ${label}`;
}
