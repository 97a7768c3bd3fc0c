import type {
  ChartSpec,
  ParamCondition,
  ParamSpec,
  ParamValues,
  PatternDefinition,
} from '../patterns';

/** Whether a condition holds for these values (no condition always holds). */
export function holds(condition: ParamCondition | undefined, params: ParamValues): boolean {
  return !condition || params[condition.param] === condition.equals;
}

/** The charts to show for these values (a queue chart is hidden without the queue). */
export function visibleCharts(charts: readonly ChartSpec[], params: ParamValues): ChartSpec[] {
  return charts.filter((c) => holds(c.visibleWhen, params));
}

/**
 * Why a parameter does nothing with these values, in a few words ("Not used while “Without the
 * queue” is on."), or null when it is in use.
 */
export function unusedReason(
  spec: ParamSpec,
  pattern: PatternDefinition,
  params: ParamValues,
): string | null {
  const condition = spec.usedWhen;
  if (!condition || holds(condition, params)) return null;
  const other = pattern.params.find((p) => p.id === condition.param);
  if (!other) return 'Not used with the current settings.';
  const current = params[condition.param];
  if (other.kind === 'boolean')
    return `Not used while “${other.label}” is ${current ? 'on' : 'off'}.`;
  const wanted =
    other.kind === 'choice'
      ? (other.options.find((o) => o.value === condition.equals)?.label ?? String(condition.equals))
      : String(condition.equals);
  return `Only used when ${other.label} is ${wanted}.`;
}

/**
 * Whether applying a guide step restarts the run from t = 0: it flips a switch (a boolean
 * parameter), and switches are the structural changes that rebuild the run.
 */
export function stepRestarts(
  set: ParamValues | undefined,
  pattern: PatternDefinition,
  params: ParamValues,
): boolean {
  if (!set) return false;
  return Object.entries(set).some(([id, value]) => {
    const spec = pattern.params.find((p) => p.id === id);
    return spec?.kind === 'boolean' && params[id] !== value;
  });
}
