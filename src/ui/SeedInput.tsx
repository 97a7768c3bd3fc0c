import { useEffect, useState } from 'react';
import { DEFAULT_SEED, useSim, useSimulator } from '../state';

const MAX_SEED = 0xffffffff;

/** Why a typed seed cannot be used, or null when it can. */
export function seedProblem(text: string, current: number): string | null {
  const n = text.trim() === '' ? NaN : Number(text);
  if (Number.isInteger(n) && n >= 0 && n <= MAX_SEED) return null;
  const range = `a whole number from 0 to ${MAX_SEED.toLocaleString('en-US')}`;
  const typed = text.trim() === '' ? 'An empty seed' : `“${text.trim()}”`;
  return `The seed must be ${range}: ${typed} was ignored, seed ${current} kept.`;
}

/**
 * The random seed: a new one starts a new run from t = 0 (still playing if it was). A value that
 * cannot be a seed is reverted with a short note saying so.
 */
export function SeedInput() {
  const sim = useSimulator();
  const seed = useSim((s) => s.seed);
  return <SeedField seed={seed} onSeed={(n) => sim.setSeed(n)} />;
}

/** The seed box itself, for any run that has a seed (one simulator, or a comparison of two). */
export function SeedField({ seed, onSeed }: { seed: number; onSeed: (seed: number) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    if (!note) return;
    const timer = window.setTimeout(() => setNote(null), 8000);
    return () => window.clearTimeout(timer);
  }, [note]);
  const commit = () => {
    if (draft === null) return;
    setDraft(null);
    const problem = seedProblem(draft, seed);
    setNote(problem);
    const n = Number(draft);
    if (!problem && n !== seed) onSeed(n);
  };
  return (
    <label className="relative flex items-center gap-1.5 text-xs text-muted">
      Seed
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        className="input input-sm w-20 tabular-nums"
        aria-label="Seed"
        aria-invalid={note ? true : undefined}
        placeholder={String(DEFAULT_SEED)}
        value={draft ?? String(seed)}
        onChange={(e) => {
          setNote(null);
          setDraft(e.target.value);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
      {note ? (
        <span className="seed-note" role="status">
          {note}
        </span>
      ) : null}
    </label>
  );
}
