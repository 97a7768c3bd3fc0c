import { holds } from '../patterns';
import type {
  ChartSpec,
  ParamCondition,
  ParamEquals,
  ParamSpec,
  ParamValues,
  PatternDefinition,
} from '../patterns';

/** The single comparisons a condition is made of. */
function clausesOf(condition: ParamCondition): readonly ParamEquals[] {
  return 'all' in condition ? condition.all : [condition];
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
  if (!spec.usedWhen || holds(spec.usedWhen, params)) return null;
  // Explain the first comparison that fails (of several, the reader changes one at a time).
  const failed = clausesOf(spec.usedWhen).find((c) => params[c.param] !== c.equals);
  const other = failed && pattern.params.find((p) => p.id === failed.param);
  if (!failed || !other) return 'Not used with the current settings.';
  const current = params[failed.param];
  if (other.kind === 'boolean')
    return `Not used while “${other.label}” is ${current ? 'on' : 'off'}.`;
  const wanted =
    other.kind === 'choice'
      ? (other.options.find((o) => o.value === failed.equals)?.label ?? String(failed.equals))
      : String(failed.equals);
  return `Only used when ${other.label} is ${wanted}.`;
}

/**
 * Whether applying a guide step restarts the run from t = 0: it changes a parameter whose spec says
 * it `restarts` (one that rewires the graph); every other change applies live.
 */
export function stepRestarts(
  set: ParamValues | undefined,
  pattern: PatternDefinition,
  params: ParamValues,
): boolean {
  if (!set) return false;
  return Object.entries(set).some(([id, value]) => {
    const spec = pattern.params.find((p) => p.id === id);
    return spec?.restarts === true && params[id] !== value;
  });
}
