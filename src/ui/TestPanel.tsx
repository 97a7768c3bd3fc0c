import { useContext, useId, useMemo, useState } from 'react';
import {
  RuleEditorContext,
  activeRuleEdges,
  definedRule,
  edgeRoute,
  nodeName,
  ruleNameOf,
  ruleNoun,
} from '../canvas/ruleEdges';
import { holds, resolveConfig, testRules, type Json } from '../kit';
import type { PatternDefinition, ParamValues } from '../patterns';
import { useSim, useSimulator, type Simulator } from '../state';
import { JsonEditor } from './editor/JsonEditor';
import { bodySummary } from './EdgeCounts';
import { lineColumn, parseJson } from './jsonText';

/** A message to start from: one the pattern sends, or one seen in the run. */
interface Sample {
  key: string;
  label: string;
  body: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The message bodies the pattern's producers send (their `payloads`), with these parameters. */
export function patternSamples(pattern: PatternDefinition, params: ParamValues): Sample[] {
  const out: Sample[] = [];
  for (const node of pattern.nodes) {
    if (!holds(node.visibleWhen, params)) continue;
    const payloads = resolveConfig(node.config, params).payloads;
    if (!Array.isArray(payloads)) continue;
    payloads.forEach((p, i) => {
      const body = isObject(p) ? p.body : undefined;
      if (isObject(body))
        out.push({
          key: `${node.id}:${i}`,
          label: `${node.label} sends: ${bodySummary(body, 48)}`,
          body,
        });
    });
  }
  return out;
}

/** Bodies of messages the run filtered out or lost lately (distinct ones, newest first). */
function recentSamples(sim: Simulator, pattern: PatternDefinition, params: ParamValues): Sample[] {
  const built = sim.run.built;
  const ids: number[] = [];
  for (const edge of activeRuleEdges(pattern, params))
    ids.push(...built.recentFiltered(edge.id).slice(-5));
  for (const graves of Object.values(built.graveyard()))
    ids.push(...graves.slice(-5).map((g) => g.id));
  const seen = new Set<string>();
  const out: Sample[] = [];
  for (const id of ids.sort((a, b) => b - a)) {
    const body = built.payloadOf(id).body;
    const text = JSON.stringify(body);
    if (!isObject(body) || seen.has(text)) continue;
    seen.add(text);
    out.push({ key: `msg:${id}`, label: `Message #${id}: ${bodySummary(body, 44)}`, body });
    if (out.length >= 6) break;
  }
  return out;
}

/**
 * The sandbox, like EventBridge's: a message or event in JSON, and for every subscription and
 * rule of the run whether it matches, why not, and what its target would receive.
 */
export function TestPanel() {
  const sim = useSimulator();
  const pattern = useSim((s) => s.pattern);
  const params = useSim((s) => s.params);
  const rules = useSim((s) => s.rules);
  const openRule = useContext(RuleEditorContext);
  const ids = useId();
  const samples = useMemo(() => patternSamples(pattern, params), [pattern, params]);
  const [recent, setRecent] = useState<Sample[]>([]);
  const [text, setText] = useState(() =>
    JSON.stringify(samples[0]?.body ?? { type: 'Customer', source: 'payments' }, null, 2),
  );
  const [picked, setPicked] = useState(samples[0]?.key ?? '');

  const parsed = useMemo(() => parseJson(text), [text]);
  const body = parsed.ok && isObject(parsed.value) ? parsed.value : null;
  const results = useMemo(
    () =>
      body ? testRules(pattern, params, rules, { body: body as { [key: string]: Json } }) : [],
    [body, pattern, params, rules],
  );
  const problem = useMemo(
    () =>
      !parsed.ok
        ? parsed.problem
        : isObject(parsed.value)
          ? null
          : { message: 'A message is a JSON object', from: 0, to: text.length },
    [parsed, text],
  );
  const diagnostics = useMemo(() => (problem ? [problem] : []), [problem]);
  const edges = new Map(pattern.edges.map((e) => [e.id, e]));
  const matched = results.filter((r) => r.matched).length;

  const pick = (key: string) => {
    setPicked(key);
    const sample = [...samples, ...recent].find((s) => s.key === key);
    if (sample) setText(JSON.stringify(sample.body, null, 2));
  };

  return (
    <div className="flex flex-col gap-3" data-testid="test-panel">
      <p className="text-xs text-muted">
        Try a message against every subscription and rule of this run, as SNS and EventBridge would,
        with the rules in force now (edited ones included). Nothing is sent.
      </p>
      <div className="flex flex-col gap-1">
        <label className="param-label" htmlFor={`${ids}-sample`}>
          Start from
        </label>
        <select
          id={`${ids}-sample`}
          className="select select-sm"
          value={picked}
          onFocus={() => setRecent(recentSamples(sim, pattern, params))}
          onChange={(e) => pick(e.target.value)}
        >
          <option value="">Your own message</option>
          <optgroup label="What the pattern sends">
            {samples.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </optgroup>
          {recent.length > 0 ? (
            <optgroup label="Filtered out or lost lately">
              {recent.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.label}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <span className="param-label" id={`${ids}-label`}>
          Message (JSON)
        </span>
        <JsonEditor
          value={text}
          onChange={(t) => {
            setText(t);
            setPicked('');
          }}
          diagnostics={diagnostics}
          label="Test message (JSON)"
          describedBy={`${ids}-hint`}
          testId="test-message"
          minHeight={96}
          maxHeight={240}
        />
        <p id={`${ids}-hint`} className="param-desc">
          {problem ? (
            <span className="rule-status-inline" data-state="json">
              <b>Not JSON</b> (line {lineColumn(text, problem.from).line}, column{' '}
              {lineColumn(text, problem.from).column}): {problem.message}
            </span>
          ) : (
            'SNS sees the body’s top-level strings and numbers as message attributes. EventBridge sees the body as the event’s detail; paste a whole event (with "source" and "detail") to test it as it is.'
          )}
        </p>
      </div>

      <section aria-labelledby={`${ids}-results`} aria-live="polite">
        <h3 id={`${ids}-results`} className="section-title">
          {body
            ? `${matched} of ${results.length} ${results.length === 1 ? 'takes' : 'take'} it`
            : 'Results'}
        </h3>
        {results.length === 0 && body ? (
          <p className="text-xs text-muted">No subscription or rule is part of this run.</p>
        ) : null}
        <ul className="test-results">
          {results.map((r) => {
            const edge = edges.get(r.edgeId);
            if (!edge) return null;
            const name = ruleNameOf(edge);
            const state = r.problem ? 'invalid' : r.matched ? 'match' : 'no-match';
            const hasRule = Object.keys(rules[edge.id] ?? definedRule(edge) ?? {}).length > 0;
            return (
              <li
                key={r.edgeId}
                className="test-result"
                data-state={state}
                data-testid={`test-result-${r.edgeId}`}
              >
                <div className="flex items-start gap-2">
                  <span className="test-verdict" aria-hidden="true">
                    {state === 'match' ? '✓' : state === 'invalid' ? '!' : '✕'}
                  </span>
                  <div className="min-w-0 flex-1">
                    <div className="text-[12.5px] leading-snug font-semibold">
                      {nodeName(pattern, edge.target)}
                    </div>
                    <div className="text-[11px] text-muted">
                      {edge.kind === 'subscription'
                        ? 'subscription'
                        : `rule${name ? ` "${name}"` : ''}`}
                      {' · '}
                      <span data-testid="verdict">
                        {state === 'match'
                          ? 'matches'
                          : state === 'invalid'
                            ? 'invalid rule'
                            : 'does not match'}
                      </span>
                    </div>
                  </div>
                  {openRule ? (
                    <button
                      type="button"
                      className="btn btn-ghost btn-sm"
                      aria-label={`Open rule: the ${ruleNoun(edge)} of ${edgeRoute(pattern, edge)}`}
                      onClick={(e) => openRule(edge.id, e.currentTarget)}
                    >
                      Open rule
                    </button>
                  ) : null}
                </div>
                {r.problem ? <p className="test-why">{r.problem}</p> : null}
                {r.reasons.length > 0 ? (
                  <ul className="test-why bullet-list">
                    {r.reasons.map((reason, i) => (
                      <li key={i}>{reason}</li>
                    ))}
                  </ul>
                ) : null}
                {r.matched && !hasRule ? (
                  <p className="test-why text-muted">No {ruleNoun(edge)}: it gets every message.</p>
                ) : null}
                {r.input !== undefined ? (
                  <div className="mt-1">
                    <div className="text-[11px] text-muted">
                      {nodeName(pattern, edge.target)} receives
                    </div>
                    <pre className="code-block">{pretty(r.input)}</pre>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}

/** An input transformer's output, indented when it is JSON. */
function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
