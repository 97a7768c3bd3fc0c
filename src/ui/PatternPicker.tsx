import { patterns } from '../patterns';
import { importedPatterns, useSim, useSimulator } from '../state';

/** Chooses the pattern (a select: there will be more patterns). */
export function PatternPicker() {
  const sim = useSimulator();
  const current = useSim((s) => s.pattern.id);
  // Templates opened in this page join the list (after the built-in patterns).
  const all = [...patterns, ...importedPatterns()];
  return (
    <label className="flex min-w-0 shrink items-center gap-2 text-xs text-muted">
      <span className="hidden sm:inline">Pattern</span>
      <select
        className="select font-medium text-[var(--fg)]"
        aria-label="Pattern"
        value={current}
        onChange={(e) => {
          const next = all.find((p) => p.id === e.target.value);
          if (next) sim.setPattern(next);
        }}
      >
        {all.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </select>
    </label>
  );
}
