import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatClock } from '../canvas/format';
import {
  activeRuleEdges,
  definedRule,
  edgeRoute,
  filterScopeOf,
  nodeName,
  ruleNameOf,
  ruleNoun,
  ruleSiblings,
} from '../canvas/ruleEdges';
import type { GraphEdge } from '../patterns';
import { useSim, useSimulator } from '../state';
import { JsonEditor } from './editor/JsonEditor';
import { EdgeCounts, bodySummary } from './EdgeCounts';
import { lineColumn, parseJson } from './jsonText';
import { checkRule, formatRule } from './ruleCheck';

/** The rule in force on an edge: the edited one, else the pattern's own. */
function useCurrentRule(edge: GraphEdge | undefined): Record<string, unknown> | undefined {
  const edited = useSim((s) => (edge ? s.rules[edge.id] : undefined));
  return edge ? (edited ?? definedRule(edge)) : undefined;
}

/**
 * The rule editor: a modal sheet with the rule's live counts, its JSON, and why messages fail it.
 * Loaded on first use by RuleEditorHost (it brings the rule engines' validators).
 */
export function RuleEditorDialog({ edgeId, onClose }: { edgeId: string; onClose: () => void }) {
  const sim = useSimulator();
  const pattern = useSim((s) => s.pattern);
  const params = useSim((s) => s.params);
  const edited = useSim((s) => s.rules[edgeId] !== undefined);
  const simTime = useSim((s) => s.live.simTimeMs);
  const edge = pattern.edges.find((e) => e.id === edgeId);
  const active = useMemo(
    () => activeRuleEdges(pattern, params).some((e) => e.id === edgeId),
    [pattern, params, edgeId],
  );
  const current = useCurrentRule(edge);
  const currentText = formatRule(current);
  const [text, setText] = useState(currentText);
  const [applied, setApplied] = useState<{ atMs: number } | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const ref = useRef<HTMLDialogElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const ids = useId();
  /**
   * A button that disables itself once used (Apply, Undo, back to the pattern's rule) would drop
   * the focus to the page behind: move it to the sheet first.
   */
  const keepFocus = () => body.current?.focus();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  // The rule went back to the pattern's own (or changed elsewhere): show what is in force, unless
  // the text already says it (as after Apply, in the reader's own layout).
  const [shownFor, setShownFor] = useState(currentText);
  if (shownFor !== currentText) {
    setShownFor(currentText);
    const typed = parseJson(text);
    if (!typed.ok || JSON.stringify(typed.value) !== JSON.stringify(current ?? {}))
      setText(currentText);
  }
  // The edge left the run (another pattern, or a switch removed it): nothing to edit.
  useEffect(() => {
    if (!edge || !active) onClose();
  }, [edge, active, onClose]);

  const check = useMemo(() => (edge ? checkRule(text, edge) : null), [text, edge]);
  const diagnostics = useMemo(
    () =>
      check && !check.ok && check.problem.from !== undefined
        ? [
            {
              from: check.problem.from,
              to: check.problem.to ?? check.problem.from,
              message: check.problem.message,
            },
          ]
        : [],
    [check],
  );
  if (!edge || !check) return null;

  const noun = ruleNoun(edge);
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  const route = edgeRoute(pattern, edge);
  const ruleName = ruleNameOf(edge);
  const siblings = ruleSiblings(pattern, edge).filter((e) =>
    activeRuleEdges(pattern, params).some((a) => a.id === e.id),
  );
  const dirty = !check.ok || JSON.stringify(check.rule) !== JSON.stringify(current ?? {});
  const where =
    !check.ok && check.problem.from !== undefined
      ? (() => {
          const { line, column } = lineColumn(text, check.problem.from);
          return ` (line ${line}, column ${column})`;
        })()
      : '';

  const apply = () => {
    if (!check.ok) return;
    setRefused(null);
    for (const e of siblings) {
      const problem = sim.setRule(e.id, check.rule);
      if (problem) {
        setRefused(problem);
        return;
      }
    }
    setApplied({ atMs: sim.run.now });
    keepFocus();
  };
  const reset = () => {
    setApplied(null);
    setRefused(null);
    for (const e of siblings) sim.resetRule(e.id);
    keepFocus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    // The page's shortcuts (Space plays, Esc closes the details) stay behind the modal.
    e.stopPropagation();
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      onClose();
    }
  };

  return (
    <dialog
      ref={ref}
      className="rule-dialog"
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-what`}
      data-testid="rule-editor"
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onMouseDown={(e) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (e.target === e.currentTarget) {
          const r = e.currentTarget.getBoundingClientRect();
          const inside =
            e.clientX >= r.left &&
            e.clientX <= r.right &&
            e.clientY >= r.top &&
            e.clientY <= r.bottom;
          if (!inside) onClose();
        }
      }}
    >
      <div className="rule-dialog-body" ref={body} tabIndex={-1}>
        <header className="flex items-start gap-3">
          <div className="min-w-0 flex-1">
            <div className="text-[11px] font-semibold tracking-wide text-muted uppercase">
              {edge.kind === 'subscription'
                ? 'SNS subscription · filter policy'
                : `EventBridge rule${ruleName ? ` "${ruleName}"` : ''} · event pattern`}
            </div>
            <h2 id={`${ids}-title`} className="text-base leading-snug font-semibold">
              {route}
            </h2>
          </div>
          <button
            type="button"
            className="btn btn-ghost btn-icon"
            aria-label="Close the rule editor"
            title="Close (Esc)"
            onClick={onClose}
          >
            ✕
          </button>
        </header>

        <p id={`${ids}-what`} className="mt-1 text-xs text-muted">
          {edge.kind === 'subscription'
            ? `SNS delivers a message to ${nodeName(pattern, edge.target)} only if this filter policy matches its ${
                filterScopeOf(edge) === 'MessageBody' ? 'body' : 'message attributes'
              } (FilterPolicyScope ${filterScopeOf(edge)}); an empty policy {} lets everything through.`
            : `EventBridge sends an event to ${nodeName(pattern, edge.target)} only if this event pattern matches it.`}
          {siblings.length > 1
            ? ` The rule has ${siblings.length} targets (${siblings
                .map((s) => nodeName(pattern, s.target))
                .join(', ')}): an edit applies to all of them.`
            : ''}
        </p>

        <h3 className="section-title mt-4">Live counts</h3>
        <EdgeCounts edgeId={edgeId} testId="rule-counts" />

        <div className="mt-4 flex items-baseline justify-between gap-2">
          <h3 className="section-title mb-0" id={`${ids}-label`}>
            {Noun}
            {edited ? <span className="chip ml-2 normal-case">edited</span> : null}
          </h3>
          <span className="text-[11px] text-muted">JSON</span>
        </div>
        <div className="mt-1.5">
          <JsonEditor
            value={text}
            onChange={setText}
            diagnostics={diagnostics}
            label={`${Noun} of ${route}`}
            describedBy={`${ids}-status`}
            testId="rule-text"
            minHeight={110}
            maxHeight={300}
          />
        </div>
        <p
          id={`${ids}-status`}
          className="rule-status"
          data-state={check.ok ? 'ok' : check.problem.source}
          data-testid="rule-status"
          aria-live="polite"
        >
          {check.ok ? (
            dirty ? (
              `Valid: AWS would accept this ${noun}. Apply it to use it in the run.`
            ) : (
              `In force now${edited ? ' (edited)' : ' (the pattern’s own)'}.`
            )
          ) : (
            <>
              <b>{check.problem.source === 'json' ? 'Not JSON' : 'AWS refuses it'}</b>
              {where}: {check.problem.message}
            </>
          )}
        </p>
        {refused ? (
          <p className="rule-status" data-state="aws" role="alert">
            {refused}
          </p>
        ) : null}

        <div className="mt-3 flex flex-wrap items-center gap-2">
          <button
            type="button"
            className="btn btn-primary"
            disabled={!check.ok || !dirty}
            onClick={apply}
          >
            Apply
          </button>
          <button
            type="button"
            className="btn"
            disabled={!dirty}
            onClick={() => {
              setText(currentText);
              keepFocus();
            }}
            title="Throw away what you typed"
          >
            Undo changes
          </button>
          <button
            type="button"
            className="btn"
            disabled={!edited}
            onClick={reset}
            title="Go back to the rule the pattern defines; the run restarts from t = 0"
          >
            Use the pattern’s rule
          </button>
        </div>
        <p className="mt-2 min-h-[1.25rem] text-xs text-muted" role="status">
          {applied
            ? `Applied at t = ${formatClock(applied.atMs)}: the run uses it from now on (it is in the share link too).`
            : edited
              ? 'The pattern’s own rule is one click away; going back restarts the run from t = 0.'
              : ''}
        </p>

        <WhyNot key={shownFor} edgeId={edgeId} simTimeMs={simTime} />
      </div>
    </dialog>
  );
}

/** The messages this edge's rule filtered out lately, each with why it does not pass. */
function WhyNot({ edgeId, simTimeMs }: { edgeId: string; simTimeMs: number }) {
  const sim = useSimulator();
  const runVersion = useSim((s) => s.runVersion);
  const filtered = useSim((s) => s.live.edgeStats[edgeId]?.filtered ?? 0);
  // A snapshot, so the list holds still while it is read; Refresh takes a new one.
  const [snapshot, setSnapshot] = useState<{ at: number; filtered: number; version: number }>({
    at: simTimeMs,
    filtered,
    version: runVersion,
  });
  const stale = snapshot.version !== runVersion;
  if (stale || (snapshot.filtered === 0 && filtered > 0))
    setSnapshot({ at: simTimeMs, filtered, version: runVersion });
  const items = useMemo(() => {
    void snapshot;
    const run = sim.run;
    return run.built
      .recentFiltered(edgeId)
      .slice()
      .reverse()
      .map((id) => ({
        id,
        reasons: run.built.explainRule(edgeId, id),
        payload: run.built.payloadOf(id),
      }));
  }, [sim, edgeId, snapshot]);
  const fresh = filtered - snapshot.filtered;
  return (
    <section className="mt-5" aria-labelledby={`why-${edgeId}`}>
      <div className="flex items-center justify-between gap-2">
        <h3 id={`why-${edgeId}`} className="section-title mb-0">
          Why not? Messages it filtered out lately
        </h3>
        <button
          type="button"
          className="btn btn-sm"
          disabled={fresh <= 0}
          onClick={() => setSnapshot({ at: simTimeMs, filtered, version: runVersion })}
        >
          Refresh{fresh > 0 ? ` (${fresh > 99 ? '99+' : fresh} new)` : ''}
        </button>
      </div>
      {items.length === 0 ? (
        <p className="mt-2 text-xs text-muted">
          None yet: every message so far matched (or none has arrived).
        </p>
      ) : (
        <ul className="why-list" data-testid="why-not">
          {items.map(({ id, reasons, payload }) => (
            <li key={id}>
              <details>
                <summary>
                  <span className="font-mono">#{id}</span>{' '}
                  <span className="text-muted">{bodySummary(payload.body)}</span>
                </summary>
                <div className="why-detail">
                  {reasons.length > 0 ? (
                    <ul className="bullet-list">
                      {reasons.map((r, i) => (
                        <li key={i}>{r}</li>
                      ))}
                    </ul>
                  ) : (
                    <p className="text-xs">
                      It passes the rule in force now: an earlier version filtered it out.
                    </p>
                  )}
                  <div className="mt-1.5 text-[11px] text-muted">Payload</div>
                  <pre className="code-block">{JSON.stringify(payload, null, 2)}</pre>
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
