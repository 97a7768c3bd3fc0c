import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ParamSpec, ParamValue } from '../patterns';
import { ExactValue } from './ExactValue';
import { formatWithUnit } from '../canvas/format';
import { ChoiceParam, Description, SwitchParam } from './ParamChoiceSwitch';
import {
  LOG_STEPS,
  accessibleName,
  fromPosition,
  nudgeLog,
  sliderKeyDirection,
  snap,
  toPosition,
} from './sliderScale';

/** What every parameter control gets. */
export interface ParamProps {
  spec: ParamSpec;
  value: ParamValue;
  onChange: (value: ParamValue) => void;
  /** Differs from the default: shown with a dot and a reset button. */
  changed: boolean;
  /** Why the parameter does nothing with the current settings (then it is disabled), or null. */
  unused?: string | null;
}

/** One parameter: a slider (with an exact-value box), a select for choices, a switch for booleans. */
export function ParamControl(props: ParamProps) {
  const { spec, changed, onChange } = props;
  const unused = props.unused ?? null;
  const reset =
    changed && !unused ? (
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
  if (spec.kind === 'boolean') return <SwitchParam {...props} spec={spec} unused={unused} />;
  if (spec.kind === 'choice')
    return <ChoiceParam {...props} spec={spec} unused={unused} reset={reset} />;
  return <NumberParam {...props} spec={spec} unused={unused} reset={reset} />;
}

type NumberSpec = Extract<ParamSpec, { kind: 'number' }>;

/** A number: a slider (logarithmic for rates spanning decades) and the exact value. */
function NumberParam({
  spec,
  value,
  onChange,
  changed,
  unused,
  reset,
}: ParamProps & { spec: NumberSpec; unused: string | null; reset: ReactNode }) {
  const id = useId();
  const name = accessibleName(spec);
  // Said when a typed value was out of range and got clamped, so nothing changes silently.
  const [note, setNote] = useState<string | null>(null);
  const n = typeof value === 'number' ? value : spec.default;
  const position = spec.log ? toPosition(spec, n) : n;
  // One native step of a log slider can round back to the same value: move to the next one.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const move = spec.log ? sliderKeyDirection(e.key) : null;
    if (!move) return;
    e.preventDefault();
    const next = nudgeLog(spec, n, move.direction, move.page);
    if (next !== n) {
      setNote(null);
      onChange(next);
    }
  };
  return (
    <div
      className="param"
      data-changed={changed || undefined}
      data-unused={unused ? '' : undefined}
    >
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
            disabled={unused !== null}
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
        disabled={unused !== null}
        onKeyDown={onKeyDown}
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
      <Description id={`${id}-desc`} text={spec.description} unused={unused} />
    </div>
  );
}
