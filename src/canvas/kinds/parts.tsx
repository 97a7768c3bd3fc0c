import { formatCompact, formatRate } from '../format';
import { Stat, StatRow } from '../Meter';
import type { BadgesProps, Stats } from './types';

/** Reads a stat, 0 when the model did not report it (yet). */
export function statOf(stats: Stats, key: string): number {
  const x = stats[key];
  return typeof x === 'number' && Number.isFinite(x) ? x : 0;
}

/**
 * "42 waiting": a count from the stats and what it counts, the way a compact card's headline
 * says its one number.
 */
export function countPhrase(stats: Stats, key: string, what: string): string {
  return `${formatCompact(statOf(stats, key))} ${what}`;
}

/** The sum of some stats, missing ones counting 0 (the usual shape of an alarm). */
export function sumOf(stats: Stats, ...keys: string[]): number {
  let total = 0;
  for (const key of keys) total += statOf(stats, key);
  return total;
}

/** The test id of the cell showing one stat of a node. */
export function testIdOf(p: BadgesProps, key: string): string {
  return `${p.nodeId}-${key}`;
}

/** Queue depth on a log scale, so 10 and 10,000 messages both read on a small bar. */
export function depthFraction(n: number): number {
  return Math.min(1, Math.log10(1 + n) / 5);
}

/** A rate's number without its unit, short enough for a card: "4.5", "19", "1,200", "26.3k". */
export function formatRateValue(perS: number): string {
  return perS < 10 ? formatRate(perS).replace('/s', '') : formatCompact(perS);
}

/** One counter cell: the stat `k`, labelled; `alert` turns it red once it is above zero. */
export interface CountSpec {
  k: string;
  label: string;
  alert?: boolean;
  title?: string;
}

/** A counter cell; `alert` turns it red once it is above zero. */
export function Count({ p, k, label, alert = false, title }: CountSpec & { p: BadgesProps }) {
  const n = statOf(p.stats, k);
  return (
    <Stat
      testId={testIdOf(p, k)}
      label={label}
      value={formatCompact(n)}
      alert={alert && n > 0}
      title={title}
    />
  );
}

/**
 * A row of counters for the stats the node reports, in the given order; nothing when it reports
 * none of them. For kinds whose models report different subsets of their stats.
 */
export function Counts({ p, cells }: { p: BadgesProps; cells: readonly CountSpec[] }) {
  const shown = cells.filter((c) => p.stats[c.k] !== undefined);
  if (shown.length === 0) return null;
  return (
    <StatRow columns={shown.length}>
      {shown.map((c) => (
        <Count key={c.k} p={p} {...c} />
      ))}
    </StatRow>
  );
}

/** One line, label on the left and value on the right (an extra number that shows only at times). */
export function StatLine({ p, k, label, alert = false, title }: CountSpec & { p: BadgesProps }) {
  const n = statOf(p.stats, k);
  return (
    <div
      className="stat-line meter-head"
      data-alert={alert && n > 0 ? 'true' : undefined}
      title={title}
    >
      <span className="badge-label">{label}</span>
      <span className="badge-value" data-testid={testIdOf(p, k)}>
        {formatCompact(n)}
      </span>
    </div>
  );
}
