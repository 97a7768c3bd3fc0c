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

/** Slider positions one PageUp / PageDown moves on a log slider (a twentieth of the track). */
export const LOG_PAGE = LOG_STEPS / 20;

/**
 * The value one key press moves a log slider to. A native step of one position can round back to
 * the same value (near the low end a position is a fraction of the spec's step), so this keeps
 * stepping until the snapped value changes; PageUp/PageDown move {@link LOG_PAGE} positions.
 * Returns the value unchanged at the ends of the range.
 */
export function nudgeLog(spec: NumberSpec, value: number, direction: 1 | -1, page = false): number {
  const start = toPosition(spec, value);
  let position = start + direction * (page ? LOG_PAGE : 1);
  for (;;) {
    const clamped = Math.min(LOG_STEPS, Math.max(0, position));
    const next = fromPosition(spec, clamped);
    if (next !== value && Math.sign(next - value) === direction) return next;
    if (clamped === 0 || clamped === LOG_STEPS) {
      // The position scale cannot go further: fall back to one step of the spec.
      return snap(spec, value + direction * spec.step);
    }
    position += direction;
  }
}

/** The direction a slider key moves, and whether it is a page key; null for other keys. */
export function sliderKeyDirection(key: string): { direction: 1 | -1; page: boolean } | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return { direction: 1, page: false };
    case 'ArrowLeft':
    case 'ArrowDown':
      return { direction: -1, page: false };
    case 'PageUp':
      return { direction: 1, page: true };
    case 'PageDown':
      return { direction: -1, page: true };
    default:
      return null;
  }
}
