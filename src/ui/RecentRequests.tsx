import './gatewayPanels.css';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { TraceRecord } from '../engine';
import { formatClock, formatMs } from '../canvas/format';
import { useSim, useSimulator } from '../state';
import { Waterfall } from './Waterfall';

/** Requests listed at most. */
const LISTED = 12;
/**
 * While playing, the list changes every this many publishes (about once a second), so that a row
 * can be clicked.
 */
const REFRESH_PUBLISHES = 10;

/**
 * The last requests that started at a node (the users) or went through it (a gateway), each one
 * a button that opens its waterfall. Only what the run traced is listed: the view traces a sample
 * of messages while it draws them (see `engine/spans.ts`).
 */
export function RecentRequests({ nodeId }: { nodeId: string }) {
  const sim = useSimulator();
  const version = useSim((s) => s.chartVersion);
  const runVersion = useSim((s) => s.runVersion);
  const [traces, setTraces] = useState<TraceRecord[]>([]);
  const [open, setOpen] = useState<TraceRecord | null>(null);
  const pattern = useSim((s) => s.pattern);
  const callers = useMemo(
    () =>
      new Map(pattern.nodes.map((n) => [n.id, n.sublabel ? `${n.label} ${n.sublabel}` : n.label])),
    [pattern],
  );
  // In a narrow list the sublabel says most ("/sales", "Make payment").
  const shortNames = useMemo(
    () => new Map(pattern.nodes.map((n) => [n.id, n.sublabel ?? n.label])),
    [pattern],
  );
  const last = useRef(-Infinity);

  useEffect(() => {
    if (version - last.current < REFRESH_PUBLISHES && sim.store.getState().status === 'running')
      return;
    last.current = version;
    const all = sim.run.world.spans.recent(400);
    setTraces(
      all
        .filter((t) => t.entry === nodeId || t.spans.some((s) => s.to === nodeId))
        .slice(0, LISTED),
    );
  }, [sim, nodeId, version, runVersion]);

  if (traces.length === 0) return null;
  return (
    <section aria-labelledby={`recent-${nodeId}`} className="mt-3">
      <h3 id={`recent-${nodeId}`} className="section-title">
        Recent requests
      </h3>
      <p className="text-xs text-muted">
        Pick one to see each hop it made on one time axis, like a trace viewer.
      </p>
      <ul className="recent-requests" data-testid="recent-requests">
        {traces.map((t) => (
          <li key={t.msgId}>
            <button
              type="button"
              className="recent-request"
              aria-label={`Request ${t.msgId} from ${callers.get(t.entry) ?? t.entry}: ${statusText(t)}, ${formatMs(t.endMs - t.startMs)}`}
              onClick={() => setOpen(t)}
            >
              <span className="tabular-nums text-muted">{formatClock(t.startMs)}</span>
              <span className="recent-status" data-ok={t.ok && (t.status ?? 200) < 400}>
                {statusText(t)}
              </span>
              <span className="tabular-nums">{formatMs(t.endMs - t.startMs)}</span>
              {t.entry !== nodeId ? (
                <span className="recent-caller text-muted" title={callers.get(t.entry)}>
                  {shortNames.get(t.entry) ?? t.entry}
                </span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
      {open ? <WaterfallDialog trace={open} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}

function statusText(t: TraceRecord): string {
  return t.status !== undefined ? String(t.status) : t.ok ? 'ok' : 'failed';
}

/** The waterfall of one request, in a modal sheet. */
function WaterfallDialog({ trace, onClose }: { trace: TraceRecord; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const pattern = useSim((s) => s.pattern);
  const names = useMemo(
    () =>
      new Map(pattern.nodes.map((n) => [n.id, n.sublabel ? `${n.label} ${n.sublabel}` : n.label])),
    [pattern],
  );
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    // The page's shortcuts stay behind the modal.
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };
  return (
    <dialog
      ref={ref}
      className="waterfall-dialog"
      aria-labelledby="waterfall-title"
      data-testid="waterfall"
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="waterfall-dialog-body">
        <header className="flex items-start gap-3">
          <div className="min-w-0 flex-1">
            <div className="text-[11px] font-semibold tracking-wide text-muted uppercase">
              Waterfall
            </div>
            <h2 id="waterfall-title" className="font-semibold">
              Request {trace.msgId}: {statusText(trace)} in {formatMs(trace.endMs - trace.startMs)}
            </h2>
            <p className="text-xs text-muted">
              Sent at {formatClock(trace.startMs, true)}. Each bar is one call, from the moment the
              caller sent it until its answer was back; calls made while handling it sit under it.
              The gaps between a bar and the bars under it are the work done there and the network
              time.
            </p>
          </div>
          <button
            type="button"
            className="btn btn-ghost btn-icon"
            aria-label="Close the waterfall"
            onClick={onClose}
          >
            ✕
          </button>
        </header>
        <Waterfall trace={trace} names={names} />
      </div>
    </dialog>
  );
}
