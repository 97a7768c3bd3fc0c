import { useEffect, useRef } from 'react';
import { useSim, useSimulator } from '../state';
import { blurAfterPointer } from './pointerBlur';
import { exitTour, nextTourStep, previousTourStep, startTour, useTour } from './tourControl';

/**
 * The pattern's tour: its "what to try" steps played one after another. Each step sets its
 * parameters, plays to the moment that shows its point and pauses there with its words; Back
 * replays the run to the previous step's moment, Exit leaves the run where it is.
 */
export function TourPanel() {
  const sim = useSimulator();
  const tour = useTour(sim);
  const steps = useSim((s) => s.pattern.explanation.whatToTry);
  const status = useSim((s) => s.status);
  const card = useRef<HTMLElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const active = tour !== null;
  const wasActive = useRef(false);
  // Focus follows the tour: into its card when it starts, back to its button when it ends.
  useEffect(() => {
    if (active && !wasActive.current) card.current?.focus();
    if (!active && wasActive.current) startButton.current?.focus();
    wasActive.current = active;
  }, [active]);

  if (!tour) {
    // An imported architecture has no "what to try", so no tour.
    if (steps.length === 0) return null;
    return (
      <button
        ref={startButton}
        type="button"
        className="btn tour-start"
        onClick={(e) => {
          blurAfterPointer(e);
          startTour(sim);
        }}
      >
        {steps.length === 1
          ? 'Take the tour: 1 step, paused where it shows its point'
          : `Take the tour: ${steps.length} steps, each paused where it shows its point`}
      </button>
    );
  }
  const step = steps[tour.step];
  const last = tour.step === steps.length - 1;
  const there = tour.phase === 'paused';
  return (
    <section
      ref={card}
      tabIndex={-1}
      className="tour-card"
      aria-labelledby="tour-title"
      data-testid="tour"
      data-phase={tour.phase}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          exitTour(sim);
        }
      }}
    >
      <h3 id="tour-title" className="section-title">
        Tour · step {tour.step + 1} of {steps.length}
      </h3>
      <p className="tour-text">{step?.text}</p>
      <p className="tour-phase" role="status" aria-live="polite">
        {there
          ? 'Paused at the moment this step is about.'
          : status === 'running'
            ? 'Playing to the moment this step is about…'
            : 'Paused on the way there: press Play to go on.'}
      </p>
      <div className="tour-buttons">
        <button
          type="button"
          className="btn btn-sm"
          onClick={(e) => {
            blurAfterPointer(e);
            previousTourStep(sim);
          }}
          title="Back to the previous step's moment (replays the run from its seed)"
        >
          Back
        </button>
        <button
          type="button"
          className="btn btn-sm btn-primary"
          onClick={(e) => {
            blurAfterPointer(e);
            nextTourStep(sim);
          }}
        >
          {last ? 'Finish' : 'Next'}
        </button>
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() => exitTour(sim)}
          aria-keyshortcuts="Escape"
        >
          Exit tour
        </button>
      </div>
    </section>
  );
}
