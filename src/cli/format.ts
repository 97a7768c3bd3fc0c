import type { StateStats } from '../kit/kinds/stepFunctions';
import type { PatternDefinition, RunSummary } from '../patterns';

/** `--list`: every pattern with its parameters, as a readable table. */
export function formatList(patterns: PatternDefinition[]): string {
  const lines: string[] = [];
  for (const p of patterns) {
    lines.push(`${p.id}  —  ${p.title}`);
    const rows = p.params.map((s) => {
      if (s.kind === 'number')
        return [s.id, s.label, s.unit, String(s.min), String(s.max), String(s.default), ''];
      if (s.kind === 'choice')
        return [s.id, s.label, '', '', '', s.default, s.options.map((o) => o.value).join(' | ')];
      return [s.id, s.label, '', '', '', String(s.default), 'true | false'];
    });
    lines.push(
      ...table(['param', 'label', 'unit', 'min', 'max', 'default', 'values'], rows).map(
        (l) => `  ${l}`,
      ),
    );
    lines.push('');
  }
  return lines.join('\n');
}

/** `--list --json`: the same as data. */
export function listJson(patterns: PatternDefinition[]): unknown {
  return patterns.map((p) => ({
    id: p.id,
    title: p.title,
    params: p.params.map((s) =>
      s.kind === 'number'
        ? { id: s.id, label: s.label, unit: s.unit, min: s.min, max: s.max, default: s.default }
        : s.kind === 'choice'
          ? {
              id: s.id,
              label: s.label,
              unit: '',
              options: s.options.map((o) => o.value),
              default: s.default,
            }
          : { id: s.id, label: s.label, unit: '', min: false, max: true, default: s.default },
    ),
  }));
}

/**
 * A run's summary as readable tables; `states` adds each state machine's states (executions in
 * each now, waiting for a service, retrying, visits, failures, time in state).
 */
export function formatSummary(
  s: RunSummary,
  pattern: PatternDefinition,
  states: Record<string, Record<string, StateStats>> = {},
): string {
  const out: string[] = [];
  out.push(`${pattern.title} (${s.pattern}), seed ${s.seed}, ${s.durationS} s simulated`);
  const changed = pattern.params
    .filter((p) => s.params[p.id] !== p.default)
    .map((p) => `${p.id}=${String(s.params[p.id])}`);
  out.push(`parameters: ${changed.length ? changed.join(' ') : 'defaults'}`);
  out.push('');
  const dropped =
    Object.entries(s.ledger.dropped)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  const fanOut =
    s.ledger.deliveries > 0
      ? `, fanned out ${s.ledger.fannedOut} into ${s.ledger.deliveries} deliveries`
      : '';
  out.push(
    `messages: created ${s.ledger.created}${fanOut}, completed ${s.ledger.completed}, dead-lettered ${s.ledger.deadLettered}, dropped ${dropped}, still in system ${s.ledger.inSystem}`,
  );
  if (s.warmUpS > 0) out.push(`latencies leave out the first ${s.warmUpS} s (warm-up)`);
  for (const note of Object.values(s.notes)) out.push(`adjusted: ${note}`);
  out.push('');
  const flowRows = Object.entries(s.flows).map(([id, f]) => {
    const label = pattern.flows.find((x) => x.id === id)?.label ?? id;
    return [label, String(f.count), ms(f.meanMs), ms(f.p50Ms), ms(f.p95Ms), ms(f.p99Ms)];
  });
  out.push(...table(['flow', 'count', 'mean', 'p50', 'p95', 'p99'], flowRows));
  out.push('');
  for (const [id, stats] of Object.entries(s.nodes)) {
    const label = pattern.nodes.find((n) => n.id === id)?.label ?? id;
    out.push(
      `${label} [${id}]: ${Object.entries(stats)
        .map(([k, v]) => `${k}=${v}`)
        .join('  ')}`,
    );
  }
  for (const [id, perState] of Object.entries(states)) {
    const label = pattern.nodes.find((n) => n.id === id)?.label ?? id;
    out.push('', `${label} [${id}], by state:`);
    const rows = Object.entries(perState).map(([name, x]) => [
      name,
      String(x.inState),
      String(x.waiting),
      String(x.retrying),
      String(x.entered),
      String(x.failed),
      String(x.aborted),
      String(x.retries),
      String(x.caught),
      ms(x.meanMs),
      ms(x.p95Ms),
    ]);
    out.push(
      ...table(
        [
          'state',
          'now',
          'waiting',
          'retrying',
          'entered',
          'failed',
          'aborted',
          'retries',
          'caught',
          'mean',
          'p95',
        ],
        rows,
      ),
      '',
    );
  }
  for (const [id, stats] of Object.entries(s.edges ?? {})) {
    const edge = pattern.edges.find((e) => e.id === id);
    const label = edge ? `${edge.source} → ${edge.target}` : id;
    out.push(
      `${label} [${id}]: ${Object.entries(stats)
        .map(([k, v]) => `${k}=${v}`)
        .join('  ')}`,
    );
  }
  out.push('', ...formatCost(s.cost));
  return out.join('\n');
}

/** The monthly bill at the simulated rate, one line per item (`*`: price not verified). */
function formatCost(c: RunSummary['cost']): string[] {
  const rows = c.items.map((i) => [
    i.node,
    `${i.service}: ${i.item}${i.basis === 'fixed' ? ' (fixed)' : ''}`,
    `${count(i.quantity)} ${i.unit}`,
    `${price(i.unitPriceUsd)} per ${per(i.per)}${i.per === 1 ? i.unit.replace(/s$/, '') : i.unit}${i.verified ? '' : ' *'}`,
    usd(i.monthlyUsd),
  ]);
  return [
    `cost per month at this rate: ${usd(c.total)} (${c.currency}, ${c.region}, prices of ${c.pricesAsOf}; free tiers, data transfer and storage left out; * price not verified on AWS's page)`,
    ...table(['node', 'item', 'per month', 'unit price', 'monthly'], rows),
  ];
}

/** A count with thousands separators and at most one decimal. */
function count(x: number): string {
  const [whole, frac] = (Math.round(x * 10) / 10).toFixed(1).split('.');
  const grouped = (whole ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === '0' ? grouped : `${grouped}.${frac}`;
}

/** A unit price with every digit it has, and at least cents: "$3.50", "$0.096", "$0.0000166667". */
function price(x: number): string {
  return Number(x.toFixed(2)) === x ? `$${x.toFixed(2)}` : `$${x}`;
}

/** How many units a price is for: "", "1,000 ", "100K ", "1M ". */
function per(n: number): string {
  if (n === 1) return '';
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M `;
  if (n >= 100_000 && n % 1000 === 0) return `${n / 1000}K `;
  return `${count(n)} `;
}

/** Dollars: cents, or hundredths of a cent below a dollar. */
function usd(x: number): string {
  return `$${x.toFixed(x < 1 ? 4 : 2)}`;
}

/** Milliseconds as people read them: "87.5 ms", "33.7 s", "12.4 min". */
function ms(x: number): string {
  if (x < 10_000) return `${x.toFixed(1)} ms`;
  if (x < 600_000) return `${(x / 1000).toFixed(1)} s`;
  return `${(x / 60_000).toFixed(1)} min`;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}
