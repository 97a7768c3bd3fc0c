import { useId, type ReactNode } from 'react';
import type { ParamSpec } from '../patterns';
import type { ParamProps } from './ParamControl';

/** A boolean parameter: a switch. */
export function SwitchParam({
  spec,
  value,
  onChange,
  changed,
  unused,
}: ParamProps & { spec: Extract<ParamSpec, { kind: 'boolean' }>; unused: string | null }) {
  const id = useId();
  const on = value === true;
  return (
    <div
      className="param"
      data-changed={changed || undefined}
      data-unused={unused ? '' : undefined}
    >
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
          disabled={unused !== null}
          onClick={() => onChange(!on)}
        >
          <span className="switch-thumb" />
        </button>
      </div>
      <Description id={`${id}-desc`} text={spec.description} unused={unused} />
    </div>
  );
}

/** A choice parameter: a select. */
export function ChoiceParam({
  spec,
  value,
  onChange,
  changed,
  unused,
  reset,
}: ParamProps & {
  spec: Extract<ParamSpec, { kind: 'choice' }>;
  unused: string | null;
  reset: ReactNode;
}) {
  const id = useId();
  return (
    <div
      className="param"
      data-changed={changed || undefined}
      data-unused={unused ? '' : undefined}
    >
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
        disabled={unused !== null}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-desc`}
      >
        {spec.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Description id={`${id}-desc`} text={spec.description} unused={unused} />
    </div>
  );
}

/** The parameter's description, led by why it is unused when it is. */
export function Description({
  id,
  text,
  unused,
}: {
  id: string;
  text: string;
  unused: string | null;
}) {
  return (
    <p className="param-desc" id={id}>
      {unused ? <span className="param-unused">{unused} </span> : null}
      {text}
    </p>
  );
}
