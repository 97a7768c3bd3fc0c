import type { ParamSpec } from '../patterns';

type NumberSpec = Extract<ParamSpec, { kind: 'number' }>;

/** Positions of a logarithmic slider (the native range runs over these). */
export const LOG_STEPS = 1000;

/** Rounds to the spec's step and clamps to its range. */
export function snap(spec: NumberSpec, value: number): number {
  const stepped = Math.round((value - spec.min) / spec.step) * spec.step + spec.min;
  const clamped = Math.min(spec.max, Math.max(spec.min, stepped));
  // Keep decimal steps (0.1) from printing as 0.30000000000000004.
  return Number(clamped.toFixed(6));
}

/** Slider position (0..LOG_STEPS) of a value on a log1p scale between min and max. */
export function toPosition(spec: NumberSpec, value: number): number {
  const span = Math.log1p(spec.max - spec.min);
  return Math.round((Math.log1p(Math.max(0, value - spec.min)) / span) * LOG_STEPS);
}

/** The value at a slider position, snapped to the spec's step. */
export function fromPosition(spec: NumberSpec, position: number): number {
  const span = Math.log1p(spec.max - spec.min);
  return snap(spec, spec.min + Math.expm1((position / LOG_STEPS) * span));
}

/** The accessible name of a parameter's control: its label and unit. */
export function accessibleName(spec: ParamSpec): string {
  return spec.unit ? `${spec.label} (${spec.unit})` : spec.label;
}
