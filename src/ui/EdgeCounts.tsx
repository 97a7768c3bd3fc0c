import { formatCount } from '../canvas/format';
import { useSim } from '../state';

/** The per-edge counts, in the order a reader follows a message: matched, then its fate. */
const COUNTS: { k: string; label: string; tone?: 'good' | 'muted' | 'warn' | 'bad' }[] = [
  { k: 'matched', label: 'matched' },
  { k: 'filtered', label: 'filtered out', tone: 'muted' },
  { k: 'delivered', label: 'delivered', tone: 'good' },
  { k: 'retried', label: 'retried' },
  { k: 'inRetry', label: 'retrying now', tone: 'warn' },
  { k: 'deadLettered', label: 'dead-lettered', tone: 'warn' },
  { k: 'lost', label: 'lost', tone: 'bad' },
];

/** A subscription's or rule target's live counts (matched, filtered, delivered, retried, lost). */
export function EdgeCounts({ edgeId, testId }: { edgeId: string; testId?: string }) {
  const stats = useSim((s) => s.live.edgeStats[edgeId]);
  return (
    <dl className="edge-stats" data-testid={testId}>
      {COUNTS.map(({ k, label, tone }) => {
        const n = stats?.[k] ?? 0;
        return (
          <div
            key={k}
            className="edge-stat"
            data-tone={tone === 'bad' || tone === 'warn' ? (n > 0 ? tone : undefined) : tone}
          >
            <dt>{label}</dt>
            <dd data-testid={testId ? `${testId}-${k}` : undefined}>{formatCount(n)}</dd>
          </div>
        );
      })}
    </dl>
  );
}

/** A message body in a few words: `{"type":"Sales","source":"payments"}` → "type Sales, source payments". */
export function bodySummary(body: unknown, max = 60): string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return JSON.stringify(body);
  const text = Object.entries(body as Record<string, unknown>)
    .map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
