import { useState } from 'react';
import { catalog, catalogEntry, loadPattern } from '../patterns/catalog';
import { useSim, useSimulator } from '../state';

/**
 * Chooses the pattern (a select: there will be more patterns). The list is the light catalog;
 * a pattern's code, and the service models it needs, load when it is chosen.
 */
export function PatternPicker() {
  const sim = useSimulator();
  const current = useSim((s) => s.pattern.id);
  // An architecture imported from a template is listed too, while it is open.
  const importedTitle = useSim((s) => (catalogEntry(s.pattern.id) ? null : s.pattern.title));
  const [loading, setLoading] = useState<string | null>(null);
  return (
    <label className="flex min-w-0 shrink items-center gap-2 text-xs text-muted">
      <span className="hidden sm:inline">Pattern</span>
      <select
        className="select font-medium text-[var(--fg)]"
        aria-label="Pattern"
        aria-busy={loading !== null}
        value={loading ?? current}
        onChange={(e) => {
          const entry = catalogEntry(e.target.value);
          if (!entry) return;
          setLoading(entry.id);
          void loadPattern(entry)
            .then((next) => sim.setPattern(next))
            .finally(() => setLoading(null));
        }}
      >
        {catalog.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
        {importedTitle !== null ? (
          <option key={current} value={current}>
            {importedTitle}
          </option>
        ) : null}
      </select>
    </label>
  );
}
