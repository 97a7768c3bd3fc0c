import { useState } from 'react';
import type { ParamSpec } from '../patterns';
import { formatWithUnit } from '../canvas/format';
import { snap } from './sliderScale';

type NumberSpec = Extract<ParamSpec, { kind: 'number' }>;

/** The exact value, editable: type a number and press Enter (clamped to the range). */
export function ExactValue({
  spec,
  value,
  onCommit,
  name,
  disabled = false,
}: {
  spec: NumberSpec;
  value: number;
  /** `problem` says what was wrong with the typed value when it had to be clamped. */
  onCommit: (value: number, problem: string | null) => void;
  name: string;
  disabled?: boolean;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const parsed = Number(draft);
    setDraft(null);
    if (draft.trim() === '' || !Number.isFinite(parsed)) return;
    const clamped = snap(spec, parsed);
    const outside = parsed < spec.min || parsed > spec.max;
    onCommit(
      clamped,
      outside
        ? `${spec.label} must be between ${formatWithUnit(spec.min, spec.unit)} and ${formatWithUnit(spec.max, spec.unit)}; ${formatWithUnit(parsed, spec.unit)} was set to ${formatWithUnit(clamped, spec.unit)}.`
        : null,
    );
  };
  return (
    <input
      type="number"
      className="exact-value"
      aria-label={`${name}, exact value`}
      min={spec.min}
      max={spec.max}
      step={spec.step}
      disabled={disabled}
      value={draft ?? String(value)}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setDraft(null);
      }}
    />
  );
}
