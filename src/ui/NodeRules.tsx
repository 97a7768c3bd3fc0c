import { useContext, useMemo } from 'react';
import { formatClock, formatCompact } from '../canvas/format';
import {
  RuleEditorContext,
  activeRuleEdges,
  definedRule,
  edgeRoute,
  nodeName,
  ruleNameOf,
  ruleNoun,
  ruleSummary,
} from '../canvas/ruleEdges';
import { useSim } from '../state';

/** A node's outgoing subscriptions or rules: each one's rule, live counts, and a way to open it. */
export function NodeRules({ nodeId }: { nodeId: string }) {
  const pattern = useSim((s) => s.pattern);
  const params = useSim((s) => s.params);
  const rules = useSim((s) => s.rules);
  const edgeStats = useSim((s) => s.live.edgeStats);
  const openRule = useContext(RuleEditorContext);
  const edges = useMemo(
    () => activeRuleEdges(pattern, params).filter((e) => e.source === nodeId),
    [pattern, params, nodeId],
  );
  if (edges.length === 0) return null;
  const title = edges.every((e) => e.kind === 'subscription') ? 'Subscriptions' : 'Rules';
  return (
    <section aria-label={title} className="mt-3" data-testid="node-rules">
      <h3 className="section-title">{title}</h3>
      <ul className="node-rules">
        {edges.map((edge) => {
          const edited = rules[edge.id];
          const rule = edited ?? definedRule(edge);
          const name = ruleNameOf(edge);
          const s = edgeStats[edge.id];
          const n = (k: string) => s?.[k] ?? 0;
          const noun = ruleNoun(edge);
          return (
            <li key={edge.id} className="node-rule">
              <div className="flex items-start gap-2">
                <div className="min-w-0 flex-1">
                  <div className="text-[12.5px] leading-snug font-semibold">
                    {name ? `rule "${name}" → ` : '→ '}
                    {nodeName(pattern, edge.target)}
                  </div>
                  <div
                    className="font-mono text-[11px] break-words text-muted"
                    title={JSON.stringify(rule ?? {})}
                  >
                    {rule && Object.keys(rule).length > 0
                      ? ruleSummary(rule, 60)
                      : `no ${noun}: gets everything`}
                    {edited ? ' (edited)' : ''}
                  </div>
                </div>
                {openRule ? (
                  <button
                    type="button"
                    className="btn btn-sm"
                    aria-label={`Edit the ${noun} of ${edgeRoute(pattern, edge)}`}
                    onClick={(e) => openRule(edge.id, e.currentTarget)}
                  >
                    Edit
                  </button>
                ) : null}
              </div>
              <div className="node-rule-counts">
                <span data-tone="good">{formatCompact(n('delivered'))} delivered</span>
                <span>{formatCompact(n('filtered'))} filtered</span>
                {n('inRetry') > 0 ? (
                  <span data-tone="warn">{formatCompact(n('inRetry'))} retrying</span>
                ) : null}
                {n('deadLettered') > 0 ? (
                  <span data-tone="warn">{formatCompact(n('deadLettered'))} to DLQ</span>
                ) : null}
                <span data-tone={n('lost') > 0 ? 'bad' : undefined}>
                  {formatCompact(n('lost'))} lost
                </span>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Drop reasons as people say them. */
const REASONS: Record<string, string> = {
  retriesExhausted: 'retries exhausted',
  subscriberDown: 'subscriber down',
  expired: 'expired',
  throttled: 'throttled',
  timedOut: 'timed out',
  error: 'error',
  noSubscriber: 'no subscriber',
  filteredOut: 'filtered out',
};

/** The messages lost at a node (its last 100): which, when, why, after how many attempts. */
export function Graveyard({ nodeId }: { nodeId: string }) {
  const graves = useSim((s) => s.live.graveyard[nodeId]);
  if (!graves || graves.length === 0) return null;
  const newest = graves.slice().reverse();
  return (
    <section aria-labelledby={`graveyard-${nodeId}`} className="mt-3" data-testid="graveyard">
      <h3 id={`graveyard-${nodeId}`} className="section-title graveyard-title">
        Lost here{' '}
        <span className="chip chip-bad">{graves.length >= 100 ? 'last 100' : graves.length}</span>
      </h3>
      <p className="mb-2 text-xs text-muted">
        Messages that ended here without being delivered, newest first. Nobody upstream was told.
      </p>
      <div
        className="graveyard-scroll"
        role="region"
        tabIndex={0}
        aria-label="Lost messages, newest first"
      >
        <table className="graveyard">
          <thead>
            <tr>
              <th scope="col">message</th>
              <th scope="col">at</th>
              <th scope="col">why</th>
              <th scope="col" title="Delivery attempts">
                tries
              </th>
            </tr>
          </thead>
          <tbody>
            {newest.map((g) => (
              <tr key={g.id} title={g.detail}>
                <td className="font-mono">
                  #{g.id}
                  {g.root !== g.id ? <div className="text-muted">of #{g.root}</div> : null}
                </td>
                <td className="tabular-nums">{formatClock(g.atMs)}</td>
                <td>
                  <b>{REASONS[g.reason] ?? g.reason}</b>
                  <div className="text-muted">{g.detail}</div>
                </td>
                <td className="tabular-nums text-right">{g.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
