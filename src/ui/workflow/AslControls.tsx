import { useMemo, useRef, useState, type DragEvent } from 'react';
import type { StateMachineDefinition } from '../../aws/stepFunctions';
import {
  checkImportedDefinition,
  importedPattern,
  importedWorkflowOf,
  SAMPLE_WORKFLOW as SAMPLE,
  serviceName,
  taskServices,
  type TaskBehaviour,
} from '../../patterns';
import { useSim, useSimulator } from '../../state';
import { stateMachineOf, workflowNodeId } from '../../state/workflow';

/** Saves text as a file (a download). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The definition as Export writes it (and Import reads it back unchanged). */
export function definitionText(definition: StateMachineDefinition): string {
  return `${JSON.stringify(definition, null, 2)}\n`;
}

function parseJson(text: string, what: string): { value?: unknown; error?: string } {
  if (text.trim() === '') return {};
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    return { error: `${what}: not JSON (${(e as Error).message})` };
  }
}

/** "Import ASL" (paste or drop a definition; validated; each service's behaviour) and "Export ASL". */
export function AslControls({ onImported }: { onImported: () => void }) {
  const sim = useSimulator();
  const pattern = useSim((s) => s.pattern);
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [input, setInput] = useState('{}');
  const [behaviour, setBehaviour] = useState<
    Record<string, { result: string; durationMs: string; errorRate: string }>
  >({});
  const [errors, setErrors] = useState<string[]>([]);

  const checked = useMemo(() => (text.trim() ? checkImportedDefinition(text) : null), [text]);
  const services = checked?.definition ? taskServices(checked.definition) : [];

  const loadSample = () => {
    setText(definitionText(SAMPLE.definition));
    setInput(JSON.stringify(SAMPLE.input ?? {}));
    const b: typeof behaviour = {};
    for (const [k, v] of Object.entries(SAMPLE.tasks ?? {}))
      b[k] = {
        result: v.result === undefined ? '' : JSON.stringify(v.result),
        durationMs: String(v.durationMs ?? ''),
        errorRate: String(v.errorRate ?? ''),
      };
    setBehaviour(b);
    setErrors([]);
  };

  const open = () => {
    const nodeId = workflowNodeId(pattern);
    const def = nodeId ? stateMachineOf(sim.run, nodeId)?.definition() : undefined;
    const current = importedWorkflowOf(pattern);
    setText(def ? definitionText(def) : '');
    setInput(JSON.stringify(current?.input ?? {}, null, 0));
    setErrors([]);
    const b: typeof behaviour = {};
    for (const [k, v] of Object.entries(current?.tasks ?? {}))
      b[k] = {
        result: v.result === undefined ? '' : JSON.stringify(v.result),
        durationMs: String(v.durationMs ?? ''),
        errorRate: String(v.errorRate ?? ''),
      };
    setBehaviour(b);
    dialog.current?.showModal();
  };

  const doImport = () => {
    if (!checked?.definition) {
      setErrors(
        checked ? checked.problems.map((p) => `${p.path}: ${p.message}`) : ['Paste a definition.'],
      );
      return;
    }
    const problems: string[] = [];
    const inp = parseJson(input, 'Execution input');
    if (inp.error) problems.push(inp.error);
    const tasks: Record<string, TaskBehaviour> = {};
    for (const key of services) {
      const b = behaviour[key];
      if (!b) continue;
      const r = parseJson(b.result, `Result of ${serviceName(key)}`);
      if (r.error) problems.push(r.error);
      const t: TaskBehaviour = {};
      if (r.value !== undefined) t.result = r.value;
      if (b.durationMs.trim() !== '') t.durationMs = Number(b.durationMs);
      if (b.errorRate.trim() !== '') t.errorRate = Number(b.errorRate);
      tasks[key] = t;
    }
    if (problems.length > 0) {
      setErrors(problems);
      return;
    }
    try {
      const p = importedPattern({
        definition: checked.definition,
        ...(inp.value !== undefined ? { input: inp.value } : {}),
        tasks,
      });
      sim.setPattern(p);
      dialog.current?.close();
      onImported();
    } catch (e) {
      setErrors(String((e as Error).message).split('\n'));
    }
  };

  const doExport = () => {
    const nodeId = workflowNodeId(pattern);
    const def = nodeId ? stateMachineOf(sim.run, nodeId)?.definition() : undefined;
    if (def) download('state-machine.asl.json', definitionText(def));
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const file = e.dataTransfer.files[0];
    if (file) void file.text().then(setText);
  };

  const set = (key: string, field: 'result' | 'durationMs' | 'errorRate', value: string) =>
    setBehaviour((b) => ({
      ...b,
      [key]: { result: '', durationMs: '', errorRate: '', ...b[key], [field]: value },
    }));

  const shown = checked && checked.problems.length > 0 ? checked.problems : null;
  return (
    <>
      <button type="button" className="btn" onClick={open}>
        Import ASL
      </button>
      <button type="button" className="btn" onClick={doExport}>
        Export ASL
      </button>
      <dialog ref={dialog} className="wf-dialog" aria-labelledby="asl-import-title">
        <form method="dialog" onSubmit={(e) => e.preventDefault()}>
          <h2 id="asl-import-title" className="text-[15px] font-semibold">
            Import an Amazon States Language definition
          </h2>
          <p className="text-muted text-[12px]">
            Paste the definition or drop a .json file here. It is checked as Step Functions checks
            it (each problem names its path), laid out, and run: every Task calls a simulated Lambda
            whose behaviour you set below.
          </p>
          <label className="wf-field" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
            <span>Definition (JSON)</span>
            <textarea
              value={text}
              onChange={(e) => setText(e.target.value)}
              rows={14}
              spellCheck={false}
              aria-invalid={shown ? true : undefined}
              aria-describedby="asl-problems"
            />
          </label>
          <div id="asl-problems" role="alert">
            {(shown ? shown.map((p) => `${p.path}: ${p.message}`) : errors).map((p) => (
              <p key={p} className="wf-problem">
                {p}
              </p>
            ))}
          </div>
          <label className="wf-field">
            <span>Execution input (JSON)</span>
            <input value={input} onChange={(e) => setInput(e.target.value)} spellCheck={false} />
          </label>
          {services.length > 0 && (
            <fieldset className="wf-services">
              <legend>Simulated services, one per Task resource</legend>
              {services.map((key) => (
                <div key={key} className="wf-service">
                  <strong title={key}>{serviceName(key)}</strong>
                  <label>
                    <span>Duration (ms)</span>
                    <input
                      inputMode="decimal"
                      placeholder="100"
                      value={behaviour[key]?.durationMs ?? ''}
                      onChange={(e) => set(key, 'durationMs', e.target.value)}
                    />
                  </label>
                  <label>
                    <span>Error rate (%)</span>
                    <input
                      inputMode="decimal"
                      placeholder="0"
                      value={behaviour[key]?.errorRate ?? ''}
                      onChange={(e) => set(key, 'errorRate', e.target.value)}
                    />
                  </label>
                  <label className="wf-result">
                    <span>Result (JSON; "key.$" reads the input; empty: the input)</span>
                    <input
                      value={behaviour[key]?.result ?? ''}
                      onChange={(e) => set(key, 'result', e.target.value)}
                      spellCheck={false}
                    />
                  </label>
                </div>
              ))}
            </fieldset>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" className="btn mr-auto" onClick={loadSample}>
              Load an example
            </button>
            <button type="button" className="btn" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="button" className="btn btn-primary" onClick={doImport}>
              Import and run
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
