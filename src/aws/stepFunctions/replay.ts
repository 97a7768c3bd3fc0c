/**
 * A TaskHandler that replays recorded outcomes: the i-th Task attempt of the execution gets the
 * i-th outcome, answered synchronously. Once the recording is exhausted Tasks never answer (so a
 * TimeoutSeconds fires, as it did when the recording was made).
 */
import type { TaskHandler } from './types';

/** A recorded Task outcome, in the shape of AWS's TaskSucceeded / TaskFailed event details. */
export type RecordedTaskOutcome =
  | { type: 'TaskSucceeded'; details: { output: unknown } }
  | { type: 'TaskFailed'; details: { error?: string; cause?: string } };

/**
 * Recorded outputs are usually JSON text (as in the history), sometimes the parsed value; JSON text
 * is parsed, anything else is used as is.
 */
function outputOf(output: unknown): unknown {
  if (typeof output !== 'string') return output;
  try {
    return JSON.parse(output);
  } catch {
    return output;
  }
}

/** Builds the replaying handler. */
export function replayTasks(outcomes: readonly RecordedTaskOutcome[]): TaskHandler {
  let next = 0;
  return (_task, cb) => {
    const outcome = outcomes[next++];
    if (!outcome) return;
    if (outcome.type === 'TaskSucceeded') cb.succeed(outputOf(outcome.details.output));
    else cb.fail(outcome.details.error, outcome.details.cause);
  };
}
