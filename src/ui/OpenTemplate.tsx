import { useEffect, useId, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { loadKinds } from '../kit';
import { useSimulator } from '../state';
import { filesFromDrop, filesFromList, type Files } from './templateFiles';

/** A problem with what was opened, and the lines around it when the template says where. */
interface Problem {
  message: string;
  file?: string;
  line?: number;
  excerpt?: { n: number; text: string }[];
}

function problemOf(e: unknown, files: Files): Problem {
  const err = e as { message?: string; file?: string; line?: number };
  const message = err.message ?? String(e);
  const text = err.file ? files[err.file] : undefined;
  if (!text || err.line === undefined) return { message };
  const lines = text.split('\n');
  const from = Math.max(1, err.line - 2);
  const to = Math.min(lines.length, err.line + 2);
  const excerpt: { n: number; text: string }[] = [];
  for (let n = from; n <= to; n++) excerpt.push({ n, text: lines[n - 1] ?? '' });
  return { message, file: err.file, line: err.line, excerpt };
}

/**
 * "Open template": paste a SAM or CloudFormation template, or drop a file, a folder or a zip (so
 * that a state machine's DefinitionUri and an API's OpenAPI file come with it). The architecture
 * replaces the current pattern and runs; a template that cannot be read gets a message with the
 * line it points at, and nothing else changes.
 */
export function OpenTemplate() {
  const sim = useSimulator();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  const ids = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const load = async (files: Files, name?: string) => {
    setProblem(null);
    if (Object.keys(files).length === 0) {
      setProblem({ message: 'Nothing to open: no YAML or JSON file was found.' });
      return;
    }
    try {
      // The template reader (YAML, intrinsics, SAM) loads on first use, and the service kinds
      // the architecture needs before it can run.
      const { openTemplate, withPositions } = await import('../state/templateLink');
      let { pattern } = openTemplate(files, name);
      // Laid out by ELK in the page (the importer's own layered layout stays as the fallback).
      const positions = await import('../canvas/architectureLayout')
        .then((m) => m.layoutArchitecture(pattern))
        .catch(() => null);
      if (positions) pattern = withPositions(pattern, positions);
      await loadKinds(pattern.nodes.map((node) => node.kind));
      sim.setPattern(pattern);
      document.title = `${pattern.title} · Integration patterns on AWS`;
      setOpen(false);
      setText('');
    } catch (e) {
      setProblem(problemOf(e, files));
    }
  };

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    setBusy(true);
    try {
      const files = await filesFromDrop(e.dataTransfer);
      const folder = e.dataTransfer.items[0]
        ? (e.dataTransfer.files[0]?.name.replace(/\.(zip|ya?ml|json)$/i, '') ?? undefined)
        : undefined;
      await load(files, folder);
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    // The page's shortcuts (Space plays...) stay behind the modal.
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className="btn"
        onClick={() => setOpen(true)}
        title="Open a SAM or CloudFormation template"
      >
        <span className="btn-text">Open template</span>
        <span aria-hidden="true" className="min-[901px]:hidden">
          ⇪
        </span>
      </button>
      <dialog
        ref={ref}
        className="rule-dialog"
        aria-labelledby={`${ids}-title`}
        data-testid="open-template"
        onKeyDown={onKeyDown}
        onCancel={(e) => {
          e.preventDefault();
          setOpen(false);
        }}
        onClose={() => setOpen(false)}
      >
        <div className="rule-dialog-body">
          <header className="flex items-start gap-3">
            <div className="min-w-0 flex-1">
              <h2 id={`${ids}-title`} className="text-base font-semibold">
                Open a SAM or CloudFormation template
              </h2>
              <p className="mt-1 text-xs text-muted">
                Your own architecture, run like the built-in patterns: functions, queues, topics,
                buses, state machines, APIs and tables with the settings the template gives them.
                What has no model is drawn and listed, not run.
              </p>
            </div>
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => setOpen(false)}
              aria-label="Close"
            >
              ✕
            </button>
          </header>

          <div
            className={`mt-4 rounded-md border-2 border-dashed p-4 text-center text-sm ${dragging ? 'border-[var(--accent)] bg-[color-mix(in_srgb,var(--accent)_8%,transparent)]' : 'border-[var(--border)]'}`}
            data-testid="template-drop"
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => void onDrop(e)}
          >
            <p>{busy ? 'Reading…' : 'Drop a template file, a folder or a zip here'}</p>
            <p className="mt-1 text-xs text-muted">
              A folder or zip brings the state machine and OpenAPI files the template names.
            </p>
            <div className="mt-3 flex flex-wrap justify-center gap-2">
              <label className="btn btn-sm cursor-pointer">
                Choose files…
                <input
                  type="file"
                  multiple
                  accept=".yaml,.yml,.json,.zip,.template"
                  className="sr-only"
                  onChange={(e) => {
                    const list = Array.from(e.target.files ?? []);
                    const first = list.find((f) => /\.(zip|ya?ml|json|template)$/i.test(f.name));
                    void filesFromList(list).then(
                      (f) => void load(f, first?.name.replace(/\.[^.]+$/, '')),
                    );
                  }}
                />
              </label>
              <label className="btn btn-sm cursor-pointer">
                Choose a folder…
                <input
                  type="file"
                  className="sr-only"
                  // A folder with its state machine and OpenAPI files.
                  {...{ webkitdirectory: '' }}
                  onChange={(e) => {
                    const list = Array.from(e.target.files ?? []);
                    const first = list[0] as (File & { webkitRelativePath?: string }) | undefined;
                    const folder = first?.webkitRelativePath?.split('/')[0];
                    void filesFromList(list).then((f) => load(f, folder || undefined));
                  }}
                />
              </label>
            </div>
          </div>

          <label className="mt-4 block text-xs font-semibold" htmlFor={`${ids}-text`}>
            Or paste a template (YAML or JSON)
          </label>
          <textarea
            id={`${ids}-text`}
            className="mt-1 h-56 w-full rounded-md border border-[var(--border)] bg-[var(--bg)] p-2 font-mono text-xs"
            spellCheck={false}
            value={text}
            placeholder={
              'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  ...'
            }
            onChange={(e) => setText(e.target.value)}
          />
          <div className="mt-2 flex justify-end">
            <button
              type="button"
              className="btn btn-primary"
              disabled={text.trim() === ''}
              onClick={() => void load({ 'template.yaml': text }, 'pasted-template')}
            >
              Open and run
            </button>
          </div>

          {problem ? (
            <div
              role="alert"
              className="rule-status mt-3"
              data-testid="template-problem"
              style={{ background: 'color-mix(in srgb, var(--bad, #dc2626) 10%, transparent)' }}
            >
              <p className="font-semibold">This template cannot be opened.</p>
              <p className="mt-1 break-words">{problem.message}</p>
              {problem.excerpt ? (
                <pre
                  className="mt-2 overflow-x-auto text-[11px] leading-snug"
                  aria-label={`Lines around line ${problem.line} of ${problem.file}`}
                >
                  {problem.excerpt.map((l) => (
                    <div
                      key={l.n}
                      className={l.n === problem.line ? 'font-bold text-[var(--bad,#dc2626)]' : ''}
                    >
                      {String(l.n).padStart(4)} {l.n === problem.line ? '▶' : ' '} {l.text}
                    </div>
                  ))}
                </pre>
              ) : null}
              <p className="mt-1 text-xs text-muted">The current pattern keeps running.</p>
            </div>
          ) : null}
        </div>
      </dialog>
    </>
  );
}
