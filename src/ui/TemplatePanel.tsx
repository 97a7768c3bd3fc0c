import { useSim } from '../state';
import { importedInfo } from '../state/templateLink';

/**
 * For an imported template: what the run leaves out and why, what the template alone cannot
 * tell, and what is approximated. Nothing for a built-in pattern.
 */
export function TemplatePanel() {
  const id = useSim((s) => s.pattern.id);
  const info = importedInfo(id);
  if (!info) return null;
  const { resources, notes } = info;
  const full = resources.notSimulated.length === 0;
  return (
    <section
      aria-labelledby="template-panel-title"
      className="mb-4 rounded-md border border-[var(--border)] p-3 text-xs"
      data-testid="template-panel"
    >
      <h2 id="template-panel-title" className="text-sm font-semibold">
        Imported from {info.file}
      </h2>
      <p className="mt-1 text-muted">
        {resources.simulated.length} resources simulated{full ? ', every one of them' : ''};{' '}
        {resources.plumbing.length} only wire them together (roles, permissions, stages, policies).
        Dashed grey edges are only implied by permissions or environment variables: each has a
        switch and a share in the parameters.
      </p>
      {resources.notSimulated.length > 0 ? (
        <>
          <h3 className="mt-3 font-semibold">Not simulated ({resources.notSimulated.length})</h3>
          <ul className="mt-1 list-disc space-y-1 pl-4" aria-label="Not simulated">
            {resources.notSimulated.map((n) => (
              <li key={`${n.id}-${n.why}`}>
                <span className="font-mono">{n.id}</span>{' '}
                <span className="text-muted">
                  ({n.type}
                  {n.line ? `, line ${n.line}` : ''})
                </span>
                : {n.why}.
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {resources.unresolved.length > 0 ? (
        <>
          <h3 className="mt-3 font-semibold">Unresolved ({resources.unresolved.length})</h3>
          <ul className="mt-1 list-disc space-y-1 pl-4" aria-label="Unresolved">
            {resources.unresolved.map((u) => (
              <li key={`${u.path}-${u.what}`}>
                <span className="font-mono">{u.what}</span> at{' '}
                <span className="font-mono">{u.path}</span>: {u.why}.
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {notes.length > 0 ? (
        <>
          <h3 className="mt-3 font-semibold">Approximated</h3>
          <ul className="mt-1 list-disc space-y-1 pl-4">
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
