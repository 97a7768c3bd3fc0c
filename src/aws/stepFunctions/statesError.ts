/**
 * An error raised while running a state machine, carrying the `error` name and `cause` text that
 * AWS reports (e.g. `States.Runtime`, `States.TaskFailed`, `States.IntrinsicFailure`). Retry and
 * Catch match on `error`; an unhandled one ends the execution as FAILED with both fields.
 */
export class StatesError extends Error {
  constructor(
    /** The error name, as Retry/Catch `ErrorEquals` sees it. */
    readonly error: string,
    /** The human-readable cause, exactly as AWS words it where the conformance data records it. */
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
    this.name = 'StatesError';
  }
}
