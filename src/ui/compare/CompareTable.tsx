import { formatClock } from '../../canvas/format';
import type { CompareRow } from '../../patterns';
import { useComparisonState } from './context';
import { formatFigure } from './formatFigure';

/** Which side a row favours, if any. */
function winner(row: CompareRow): 'a' | 'b' | null {
  if (row.a === row.b || row.a === null || row.b === null) return null;
  const bLower = row.b < row.a;
  return (row.better === 'lower') === bLower ? 'b' : 'a';
}

/**
 * The figures that matter, side by side, live: throughput, latency percentiles, errors,
 * throttles, losses, backlog and cost. The better side of each row is marked (in words, for
 * screen readers too).
 */
export function CompareTable({ labels }: { labels: { a: string; b: string } }) {
  const table = useComparisonState((s) => s.table);
  const timeMs = useComparisonState((s) => s.timeMs);
  const time = Math.min(timeMs.a, timeMs.b);
  return (
    <section
      className="compare-table-wrap"
      aria-labelledby="compare-table-title"
      // The exact simulated times the figures are for (tests rerun both sides to them).
      data-time-a={timeMs.a}
      data-time-b={timeMs.b}
    >
      <h2 id="compare-table-title" className="section-title">
        Side by side at t = {formatClock(time)}
        {Math.abs(timeMs.a - timeMs.b) >= 1 ? (
          // Under load one side may end a frame short of the other; it catches up next frame.
          <span className="font-normal normal-case">
            {' '}
            (A at {formatClock(timeMs.a)}, B at {formatClock(timeMs.b)}: the slower side catches up)
          </span>
        ) : null}
      </h2>
      <table className="compare-table" aria-label="Comparison">
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col" data-side="a">
              A · {labels.a}
            </th>
            <th scope="col" data-side="b">
              B · {labels.b}
            </th>
            <th scope="col">Better</th>
          </tr>
        </thead>
        <tbody>
          {table.map((row) => {
            const best = winner(row);
            return (
              <tr key={row.id} data-figure={row.id}>
                <th scope="row" title={row.description}>
                  {row.label}
                </th>
                <td data-side="a" data-better={best === 'a' || undefined} className="tabular-nums">
                  {formatFigure(row.a, row.unit)}
                </td>
                <td data-side="b" data-better={best === 'b' || undefined} className="tabular-nums">
                  {formatFigure(row.b, row.unit)}
                </td>
                <td className="text-muted">{best ? best.toUpperCase() : 'same'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="text-xs text-muted">
        Latencies are each pattern&apos;s main flow (its first). Hover a figure&apos;s name for what
        it counts; <code>npm run sim -- compare</code> gives the same numbers for the same seed and
        duration.
      </p>
    </section>
  );
}
