import { useRef, useState } from 'react';
import { currentDiagram } from '../../canvas';
import { catalog, catalogEntry, loadPattern } from '../../patterns/catalog';
import { parseScenario, scenarioImports, scenarioOf, scenarioText } from '../../patterns/scenario';
import { loadKinds } from '../../kit';
import type { Pattern } from '../../patterns';
import { useSimulator, type Simulator } from '../../state';
import { SPEEDS } from '../speeds';
import { canRecordWebm, download, fileBase, pngBlob, svgBlob } from './files';

/**
 * The Export panel's content: the diagram as SVG or PNG, a clip, the scenario as JSON and Import.
 * Loaded when the panel first opens.
 */
export function ExportPanel({ dark }: { dark: boolean }) {
  const sim = useSimulator();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [format, setFormat] = useState<'webm' | 'gif'>(canRecordWebm() ? 'webm' : 'gif');
  const [speed, setSpeed] = useState(() => sim.store.getState().speed);
  const [seconds, setSeconds] = useState(5);
  const fileRef = useRef<HTMLInputElement>(null);

  const run = async (what: string, work: () => Promise<void>) => {
    setBusy(true);
    setErrors([]);
    setStatus(`${what}…`);
    try {
      await work();
    } catch (e) {
      setErrors([(e as Error).message]);
      setStatus('');
      return;
    } finally {
      setBusy(false);
    }
  };
  const diagram = () => {
    const source = currentDiagram();
    if (!source) throw new Error('There is no diagram on screen to export.');
    return source;
  };
  const base = () => fileBase(sim.store.getState());

  return (
    <>
      <p className="text-sm font-semibold">The diagram as it is now</p>
      <p className="mt-1 text-xs text-muted">
        With the numbers of this moment; the SVG keeps every label and number as text.
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        <button
          type="button"
          className="btn btn-sm"
          disabled={busy}
          onClick={() =>
            void run('Writing the SVG', async () => {
              download(`${base()}.svg`, svgBlob(diagram().capture(dark)));
              setStatus('SVG saved.');
            })
          }
        >
          Download SVG
        </button>
        <button
          type="button"
          className="btn btn-sm"
          disabled={busy}
          onClick={() =>
            void run('Drawing the PNG', async () => {
              download(`${base()}.png`, await pngBlob(diagram().capture(dark)));
              setStatus('PNG saved.');
            })
          }
        >
          Download PNG
        </button>
      </div>

      <p className="mt-4 text-sm font-semibold">A clip of the run</p>
      <div className="export-clip mt-2">
        <label className="export-field">
          <span>Clip format</span>
          <select
            className="select select-sm"
            value={format}
            onChange={(e) => setFormat(e.target.value as 'webm' | 'gif')}
          >
            <option value="webm" disabled={!canRecordWebm()}>
              WebM video
            </option>
            <option value="gif">GIF</option>
          </select>
        </label>
        <label className="export-field">
          <span>Clip speed</span>
          <select
            className="select select-sm"
            value={speed}
            onChange={(e) => setSpeed(Number(e.target.value))}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <label className="export-field">
          <span>Clip length (s)</span>
          <input
            className="input input-sm w-16"
            type="number"
            min={1}
            max={30}
            value={seconds}
            onChange={(e) => setSeconds(Math.min(30, Math.max(1, Number(e.target.value) || 1)))}
          />
        </label>
        <button
          type="button"
          className="btn btn-primary btn-sm"
          disabled={busy}
          onClick={() =>
            void run('Recording', async () => {
              // The recorder and the GIF encoder load on first use.
              const { recordClip } = await import('./clip');
              const blob = await recordClip(sim, diagram(), {
                format,
                speed,
                seconds,
                dark,
                onProgress: setStatus,
              });
              download(`${base()}.${format}`, blob);
              setStatus(`${format === 'gif' ? 'GIF' : 'WebM'} saved.`);
            })
          }
        >
          Record clip
        </button>
      </div>

      <p className="mt-4 text-sm font-semibold">The scenario</p>
      <p className="mt-1 text-xs text-muted">
        Pattern, parameters, seed, edited rules, speed and time, as JSON (an imported template or
        workflow goes with it): open it here again or run it with{' '}
        <code>npm run sim -- --scenario file.json</code>.
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        <button
          type="button"
          className="btn btn-sm"
          disabled={busy}
          onClick={() => {
            const state = sim.store.getState();
            const text = scenarioText(
              scenarioOf({
                pattern: state.pattern,
                params: state.params,
                seed: state.seed,
                rules: state.rules,
                speed: state.speed,
                timeMs: state.live.simTimeMs,
              }),
            );
            download(`${base()}.json`, new Blob([text], { type: 'application/json' }));
            setErrors([]);
            setStatus('Scenario saved.');
          }}
        >
          Download scenario
        </button>
        <button
          type="button"
          className="btn btn-sm"
          disabled={busy}
          onClick={() => fileRef.current?.click()}
        >
          Import scenario…
        </button>
        <input
          ref={fileRef}
          type="file"
          accept="application/json,.json"
          className="sr-only"
          aria-label="Scenario file"
          tabIndex={-1}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            void run('Opening the scenario', async () => {
              const problems = await importScenario(sim, await file.text());
              if (problems.length > 0) {
                setErrors(problems);
                setStatus('');
              } else setStatus(`Opened ${file.name}.`);
            });
          }}
        />
      </div>
      <p className="mt-3 text-xs text-muted" role="status" aria-live="polite">
        {status}
      </p>
      {errors.length > 0 ? (
        <ul role="alert" className="export-errors mt-1 list-disc pl-5 text-xs">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/**
 * Opens a scenario file: loads its pattern, checks every field, and rebuilds the run from it,
 * at its speed and time. Returns the problems (nothing changes when there are any).
 */
export async function importScenario(sim: Simulator, text: string): Promise<string[]> {
  let id: unknown;
  try {
    id = (JSON.parse(text) as { pattern?: unknown }).pattern;
  } catch {
    id = undefined;
  }
  const imports = scenarioImports(text);
  if ('errors' in imports) return imports.errors;
  const { template, asl } = imports.linkParams;
  let patterns: Pattern[];
  if (template !== undefined) {
    // An imported architecture: rebuilt from the file as a link's template= rebuilds it.
    const { decodeTemplate } = await import('../../state/templateLink');
    const r = decodeTemplate(template);
    if ('error' in r) return [`Field "imported.template": ${r.error}`];
    await loadKinds(r.pattern.nodes.map((n) => n.kind));
    patterns = [r.pattern];
  } else {
    const entry = typeof id === 'string' ? catalogEntry(id) : undefined;
    if (typeof id === 'string' && !entry)
      return [
        `Field "pattern" must name a known pattern (${catalog.map((e) => e.id).join(', ')}), got "${id.slice(0, 80)}".`,
      ];
    patterns = entry ? [await loadPattern(entry)] : [];
  }
  if (asl !== undefined) {
    // An imported workflow in place of the pattern's own, as a link's asl= puts it.
    const { decodeWorkflow } = await import('../../state/aslLink');
    const r = decodeWorkflow(asl);
    if ('error' in r) return [`Field "imported.asl": ${r.error}`];
    patterns = patterns.map((p) => (p.id === r.pattern.id ? r.pattern : p));
  }
  const parsed = parseScenario(text, patterns);
  if ('errors' in parsed) return parsed.errors;
  const { pattern, params, seed, rules, speed, timeMs } = parsed.scenario;
  const before = sim.store.getState();
  // Build once without the edited rules to check each in AWS's terms, then with the valid ones.
  sim.store.setState({ pattern, params, seed, rules: {}, selectedNodeId: null });
  sim.send({ type: 'RESTART' });
  const problems: string[] = [];
  for (const [edgeId, rule] of Object.entries(rules)) {
    const problem = sim.run.built.setRule(edgeId, rule);
    if (problem) problems.push(`Field "rules.${edgeId}": ${problem}`);
  }
  if (problems.length > 0) {
    // Nothing changes: the run the reader had comes back.
    const { pattern: p0, params: v0, seed: s0, rules: r0 } = before;
    sim.store.setState({ pattern: p0, params: v0, seed: s0, rules: r0 });
    sim.send({ type: 'RESTART' });
    return problems;
  }
  sim.store.setState({ rules });
  sim.send({ type: 'RESTART' });
  sim.setSpeed(speed);
  if (timeMs > 0) sim.seek(timeMs);
  return [];
}
