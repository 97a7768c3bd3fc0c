import './gatewayPanels.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { costOf, PRICES, type CostItem, type CostSummary } from '../kit';
import { formatCount, formatSeconds } from '../canvas/format';
import { useSim, useSimulator } from '../state';

/** While playing, the bill is recomputed every this many publishes (about once a second). */
const REFRESH_PUBLISHES = 10;

const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 2,
});
const small = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/** Dollars as people read a bill: "$1,234.56", "$0.0042" for fractions of a cent. */
export function formatUsd(x: number): string {
  if (x > 0 && x < 0.01) return `$${small.format(x)}`;
  return usd.format(x);
}

/** A bill's items grouped by service, the services by what they cost (most first). */
export function byService(
  cost: CostSummary,
): { service: string; usd: number; items: CostItem[] }[] {
  const groups = new Map<string, CostItem[]>();
  for (const item of cost.items)
    groups.set(item.service, [...(groups.get(item.service) ?? []), item]);
  return [...groups.entries()]
    .map(([service, items]) => ({
      service,
      items,
      usd: items.reduce((a, i) => a + i.monthlyUsd, 0),
    }))
    .sort((a, b) => b.usd - a.usd);
}

/**
 * What the simulated traffic would cost a month on AWS if it went on at the rate shown: the
 * total, the breakdown per service and item, and where each price comes from.
 */
export function CostPanel() {
  const sim = useSimulator();
  const pattern = useSim((s) => s.pattern);
  const version = useSim((s) => s.chartVersion);
  const runVersion = useSim((s) => s.runVersion);
  const [cost, setCost] = useState<CostSummary | null>(null);
  const last = useRef(-Infinity);
  useEffect(() => {
    if (version - last.current < REFRESH_PUBLISHES && sim.store.getState().status === 'running')
      return;
    last.current = version;
    setCost(sim.run.now > 0 ? costOf(pattern, sim.run) : null);
  }, [sim, pattern, version, runVersion]);
  const groups = useMemo(() => (cost ? byService(cost) : []), [cost]);
  const unverified = cost?.items.some((i) => !i.verified) ?? false;

  return (
    <section className="cost-panel" aria-labelledby="cost-title" data-testid="cost-panel">
      <h2 id="cost-title" className="section-title">
        Cost per month at this rate
      </h2>
      {!cost ? (
        <p className="text-sm text-muted">
          Press play: the bill is worked out from what the simulation counts (requests, compute
          time, messages, deliveries), carried over a 30-day month.
        </p>
      ) : (
        <>
          <p className="cost-total">
            <span className="tabular-nums" data-testid="cost-total">
              {formatUsd(cost.total)}
            </span>
            <span className="text-xs text-muted"> a month</span>
          </p>
          <p className="text-xs text-muted">
            If the traffic of the {formatSeconds(cost.measuredS)} simulated so far went on for a
            month. Prices for {cost.region} as of {cost.pricesAsOf}, on demand, without free tiers,
            data transfer or storage.
          </p>
          <table className="cost-table" aria-label="Cost by service">
            <tbody>
              {groups.map((g) => (
                <CostGroup key={g.service} service={g.service} total={g.usd} items={g.items} />
              ))}
            </tbody>
          </table>
          {unverified ? (
            <p className="text-xs text-muted mt-2">
              * a price whose AWS page could not be checked when it was written down (see its note).
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

function CostGroup({
  service,
  total,
  items,
}: {
  service: string;
  total: number;
  items: CostItem[];
}) {
  return (
    <>
      <tr className="cost-service">
        <th scope="rowgroup">{service}</th>
        <td className="tabular-nums text-right">{formatUsd(total)}</td>
      </tr>
      {items.map((item, i) => {
        const price = PRICES[item.price];
        return (
          <tr key={`${item.node}-${item.item}-${i}`} className="cost-item">
            <th scope="row">
              <span>{item.item}</span>{' '}
              <span className="text-muted">
                ({item.node}: {formatCount(Math.round(item.quantity))} {item.unit} ×{' '}
                <a href={item.source} target="_blank" rel="noreferrer" title={price.note}>
                  {formatUsd(item.unitPriceUsd)}
                  {item.per > 1 ? ` per ${formatCount(item.per)}` : ''}
                </a>
                {item.verified ? '' : '*'})
              </span>
            </th>
            <td className="tabular-nums text-right">{formatUsd(item.monthlyUsd)}</td>
          </tr>
        );
      })}
    </>
  );
}
