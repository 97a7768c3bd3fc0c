import type { StateMachineDefinition } from '../../aws/stepFunctions';
import type { ExecutionRecord, ExecutionStep } from '../../kit';
import { visitIO, type VisitIO } from '../../state/workflow';

/** A JSON value as the console shows one: indented, in a scrolling block. */
function JsonBlock({ value, label }: { value: unknown; label: string }) {
  return (
    <pre className="wf-json" aria-label={label} tabIndex={0}>
      {value === undefined ? '(none)' : JSON.stringify(value, null, 2)}
    </pre>
  );
}

function eventText(e: ExecutionStep): string {
  if (e.type === 'retry')
    return `Retry ${e.retryCount} after ${e.error ?? 'an error'}: waiting ${(e.delayMs / 1000).toFixed(2)} s`;
  if (e.type === 'caught') return `Caught ${e.error ?? 'an error'} → ${e.next}`;
  return e.type;
}

/** The selected state's visit: each stage of its data flow, its variables, its retries. */
export function StateIOPanel({
  record,
  definition,
  enteredAt,
}: {
  record: ExecutionRecord;
  definition: StateMachineDefinition;
  enteredAt: number | undefined;
}) {
  const io: VisitIO | undefined =
    enteredAt === undefined ? undefined : visitIO(record, definition, enteredAt);
  if (!io)
    return (
      <p className="text-muted text-[12px]">Step the execution, or pick a state it visited.</p>
    );
  return (
    <section aria-label={`State ${io.state}`} className="wf-io">
      <h4 className="wf-io-title">
        {io.state}{' '}
        <span className="text-muted">
          ({io.stateType}, {io.status})
        </span>
      </h4>
      {io.stages.map((s) => (
        <div key={s.label} className="wf-stage">
          <h5>
            {s.label}
            {s.field ? <span className="text-muted"> · {s.field}</span> : null}
          </h5>
          <JsonBlock value={s.value} label={s.label} />
        </div>
      ))}
      {io.events.length > 0 && (
        <ul className="wf-events" aria-label="Retries and catches">
          {io.events.map((e, i) => (
            <li key={i} data-kind={e.type}>
              {eventText(e)}
            </li>
          ))}
        </ul>
      )}
      {io.variables && (
        <div className="wf-stage">
          <h5>Variables in scope</h5>
          <JsonBlock value={io.variables} label="Variables in scope" />
        </div>
      )}
    </section>
  );
}

/** The followed execution's history as AWS's GetExecutionHistory lists it. */
export function HistoryTable({ record }: { record: ExecutionRecord }) {
  const history = record.history;
  if (!history)
    return (
      <p className="text-muted text-[12px]">
        No execution history: Step Functions keeps none for Express workflows.
      </p>
    );
  const t0 = history[0]?.timestamp ?? 0;
  return (
    <div className="wf-history-wrap">
      <table className="wf-history" aria-label="Execution history">
        <thead>
          <tr>
            <th scope="col">ID</th>
            <th scope="col">Type</th>
            <th scope="col">Step</th>
            <th scope="col">Elapsed (ms)</th>
          </tr>
        </thead>
        <tbody>
          {history.map((e) => (
            <tr key={e.id} data-type={e.type}>
              <td>{e.id}</td>
              <td>{e.type}</td>
              <td>{e.stateEnteredEventDetails?.name ?? e.stateExitedEventDetails?.name ?? ''}</td>
              <td>{Math.round(e.timestamp - t0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
