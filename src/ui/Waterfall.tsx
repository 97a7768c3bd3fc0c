import type { TraceRecord } from '../engine';
import { formatMs } from '../canvas/format';
import { axisTicks, waterfallRows } from './waterfallRows';

/**
 * One request's calls as bars on one time axis, nested by caller (a trace viewer's waterfall):
 * the name of each call on the left (caller → callee, and the path for an API), its bar, its
 * duration and status.
 */
export function Waterfall({
  trace,
  names,
}: {
  trace: TraceRecord;
  /** Node labels by id. */
  names: ReadonlyMap<string, string>;
}) {
  const { rows, spanMs } = waterfallRows(trace);
  const ticks = axisTicks(spanMs);
  return (
    <table className="waterfall" aria-label={`Hops of request ${trace.msgId}`}>
      <thead>
        <tr>
          <th scope="col">Call</th>
          <th scope="col" className="waterfall-axis-head">
            <span className="sr-only">Time from the request&apos;s start</span>
            <div className="waterfall-axis" aria-hidden="true">
              {ticks.map((t) => (
                <span key={t} style={{ left: `${(t / spanMs) * 100}%` }}>
                  {formatMs(t)}
                </span>
              ))}
            </div>
          </th>
          <th scope="col" className="text-right">
            Took
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ span, depth, offsetMs, durationMs, left, width }) => {
          const failed = !span.ok || (span.status !== undefined && span.status >= 400);
          const callee = names.get(span.to) ?? span.to;
          const name = `${names.get(span.from) ?? span.from} → ${callee}`;
          // Under its caller's row a call is named by whom it calls; the first call in full.
          const shown = depth === 0 ? name : `→ ${callee}`;
          return (
            <tr key={span.index} data-testid="waterfall-row">
              <th scope="row" style={{ paddingLeft: `${4 + depth * 12}px` }} title={name}>
                <span className="waterfall-name">{shown}</span>
                {span.path && !callee.endsWith(span.path) ? (
                  <span className="waterfall-path">{span.path}</span>
                ) : null}
              </th>
              <td className="waterfall-track">
                <div
                  className="waterfall-bar"
                  data-failed={failed ? 'true' : undefined}
                  style={{ left: `${left * 100}%`, width: `max(2px, ${width * 100}%)` }}
                  title={`starts at ${formatMs(offsetMs)}, takes ${formatMs(durationMs)}`}
                />
              </td>
              <td className="text-right tabular-nums">
                {Number.isNaN(durationMs) ? 'waiting' : formatMs(durationMs)}
                {span.status !== undefined ? (
                  <span className="waterfall-status" data-failed={failed ? 'true' : undefined}>
                    {span.status}
                  </span>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
