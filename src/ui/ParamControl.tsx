import { useId, useState } from 'react';
import type { ParamSpec, ParamValue } from '../patterns';
import { formatWithUnit } from './format';
import { LOG_STEPS, accessibleName, fromPosition, snap, toPosition } from './sliderScale';

interface Props {
  spec: ParamSpec;
  value: ParamValue;
  onChange: (value: ParamValue) => void;
  /** Differs from the default: shown with a dot and a reset button. */
  changed: boolean;
}

/** One parameter: a slider (with an exact-value box), a select for choices, a switch for booleans. */
export function ParamControl({ spec, value, onChange, changed }: Props) {
  const id = useId();
  const name = accessibleName(spec);
  // Said when a typed value was out of range and got clamped, so nothing changes silently.
  const [note, setNote] = useState<string | null>(null);
  const reset = changed ? (
    <button
      type="button"
      className="param-reset"
      onClick={() => onChange(spec.default)}
      aria-label={`Reset ${spec.label} to default`}
      title="Back to the default"
    >
      ↺
    </button>
  ) : null;

  if (spec.kind === 'boolean') {
    const on = value === true;
    return (
      <div className="param" data-changed={changed || undefined}>
        <div className="flex items-center justify-between gap-3">
          <span className="param-label" id={`${id}-label`}>
            {spec.label}
          </span>
          <button
            type="button"
            role="switch"
            aria-checked={on}
            aria-labelledby={`${id}-label`}
            aria-describedby={`${id}-desc`}
            className="switch"
            onClick={() => onChange(!on)}
          >
            <span className="switch-thumb" />
          </button>
        </div>
        <p className="param-desc" id={`${id}-desc`}>
          {spec.description}
        </p>
      </div>
    );
  }

  if (spec.kind === 'choice') {
    return (
      <div className="param" data-changed={changed || undefined}>
        <div className="flex items-center justify-between gap-2">
          <label className="param-label" htmlFor={id}>
            {spec.label}
          </label>
          {reset}
        </div>
        <select
          id={id}
          className="select w-full"
          value={String(value)}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={`${id}-desc`}
        >
          {spec.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <p className="param-desc" id={`${id}-desc`}>
          {spec.description}
        </p>
      </div>
    );
  }

  const n = typeof value === 'number' ? value : spec.default;
  const position = spec.log ? toPosition(spec, n) : n;
  return (
    <div className="param" data-changed={changed || undefined}>
      <div className="flex items-baseline justify-between gap-2">
        <label className="param-label" htmlFor={id}>
          {spec.label} <span className="param-unit">{spec.unit}</span>
        </label>
        <div className="flex items-center gap-1">
          {reset}
          <ExactValue
            spec={spec}
            value={n}
            name={name}
            onCommit={(v, problem) => {
              setNote(problem);
              onChange(v);
            }}
          />
        </div>
      </div>
      <input
        id={id}
        type="range"
        className="range"
        aria-label={name}
        aria-valuetext={formatWithUnit(n, spec.unit)}
        aria-describedby={`${id}-desc`}
        min={spec.log ? 0 : spec.min}
        max={spec.log ? LOG_STEPS : spec.max}
        step={spec.log ? 1 : spec.step}
        value={position}
        onChange={(e) => {
          setNote(null);
          const raw = Number(e.target.value);
          onChange(spec.log ? fromPosition(spec, raw) : snap(spec, raw));
        }}
      />
      {note ? (
        <p className="param-note" role="status">
          {note}
        </p>
      ) : null}
      <p className="param-desc" id={`${id}-desc`}>
        {spec.description}
      </p>
    </div>
  );
}

/** The exact value, editable: type a number and press Enter (clamped to the range). */
function ExactValue({
  spec,
  value,
  onCommit,
  name,
}: {
  spec: Extract<ParamSpec, { kind: 'number' }>;
  value: number;
  /** `problem` says what was wrong with the typed value when it had to be clamped. */
  onCommit: (value: number, problem: string | null) => void;
  name: string;
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
