import { useEffect } from 'react';
import { ServiceIcon, kindView } from '../canvas';
import { useSim, useSimulator } from '../state';
import { formatCount, formatRate } from '../canvas/format';
import { paramsForNode } from './nodeParams';
import { Graveyard, NodeRules } from './NodeRules';
import { ParamList } from './ParamsPanel';
import { RecentRequests } from './RecentRequests';
import { useReturnFocus } from './useReturnFocus';

/** Names of stats, of any kind, that read better spelled out (kinds add their own). */
const LABELS: Record<string, string> = {
  outPerS: 'recorded per second (last ~10 s)',
  capacityPerS: 'capacity per second (estimate)',
};

/**
 * A stat's name for the details panel: the kind's own label (`labels`), else "coldStarts" → "cold
 * starts", "oldestAgeS" → "oldest age (s)", "meanLatencyMs" → "mean latency (ms)", "outPerS" → "out
 * per second".
 */
export function humanise(key: string, labels?: Readonly<Record<string, string>>): string {
  const known = labels?.[key] ?? LABELS[key];
  if (known) return known;
  const unit = key.endsWith('PerS')
    ? ' per second'
    : key.endsWith('Ms')
      ? ' (ms)'
      : key.endsWith('S')
        ? ' (s)'
        : '';
  const base = unit ? key.replace(/(PerS|Ms|S)$/, '') : key;
  return base.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() + unit;
}

function formatStat(value: number): string {
  return Number.isInteger(value) ? formatCount(value) : value.toFixed(value < 10 ? 2 : 1);
}

/** The selected node: what it is, its live numbers, and the parameters that configure it. */
export function NodeDetails() {
  const sim = useSimulator();
  const nodeId = useSim((s) => s.selectedNodeId);
  const pattern = useSim((s) => s.pattern);
  const stats = useSim((s) => (nodeId ? s.live.nodeStats[nodeId] : undefined));
  const node = pattern.nodes.find((n) => n.id === nodeId);

  useReturnFocus(nodeId !== null);
  useEffect(() => {
    if (!nodeId) return;
    const onKey = (e: KeyboardEvent) => {
      // Esc belongs to a modal on top (the rule editor) while one is open.
      if (e.key === 'Escape' && !document.querySelector('dialog:modal')) sim.selectNode(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [nodeId, sim]);

  if (!node) return null;
  const view = kindView(node.kind);
  const specs = paramsForNode(pattern, node.id);
  const title = `${node.label}${node.sublabel ? ` (${node.sublabel})` : ''}`;
  return (
    <section
      className="details-panel"
      role="region"
      aria-label={`${title} details`}
      data-testid="node-details"
    >
      <header className="flex items-start gap-3">
        <ServiceIcon kind={node.kind} size={32} />
        <div className="min-w-0 flex-1">
          <div className="text-[11px] uppercase tracking-wide text-muted">{view.serviceName}</div>
          <h2 className="font-semibold leading-tight">{node.label}</h2>
          {node.sublabel ? <div className="text-xs text-muted">{node.sublabel}</div> : null}
        </div>
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          aria-label="Close details"
          title="Close (Esc)"
          onClick={() => sim.selectNode(null)}
        >
          ✕
        </button>
      </header>

      <h3 className="section-title mt-3">Live</h3>
      {stats?.outPerS !== undefined && stats.capacityPerS !== undefined ? (
        <p className="details-throughput" data-testid="details-throughput">
          Processing <b>≈{formatRate(stats.outPerS)}</b> of <b>≈{formatRate(stats.capacityPerS)}</b>{' '}
          capacity
        </p>
      ) : null}
      {stats && Object.keys(stats).length > 0 ? (
        <dl className="stats-grid">
          {Object.entries(stats).map(([key, value]) => (
            <div key={key} className="contents">
              <dt>{humanise(key, view.statLabels)}</dt>
              <dd>{formatStat(value)}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="text-xs text-muted">No numbers yet: press play.</p>
      )}

      <Graveyard nodeId={node.id} />
      <RecentRequests nodeId={node.id} />
      <NodeRules nodeId={node.id} />

      <h3 className="section-title mt-3">Parameters</h3>
      {specs.length > 0 ? (
        <ParamList specs={specs} />
      ) : (
        <p className="text-xs text-muted">Nothing to configure here in this pattern.</p>
      )}
    </section>
  );
}
