import { useStore } from 'zustand';
import { formatParamValue } from '../../patterns';
import type { Simulator } from '../../state';
import { LINK_DEFINITION_KEYS } from '../../kit/linkKeys';

/** The settings a side runs with that differ from its pattern's defaults, as chips. */
export function SideSettings({ sim }: { sim: Simulator }) {
  const pattern = useStore(sim.store, (s) => s.pattern);
  const params = useStore(sim.store, (s) => s.params);
  const rules = useStore(sim.store, (s) => s.rules);
  const changed = pattern.params.filter((p) => params[p.id] !== p.default);
  const edited = Object.keys(rules);
  return (
    <ul className="compare-settings" aria-label="Settings that differ from the defaults">
      {changed.length === 0 && edited.length === 0 ? (
        <li className="text-xs text-muted">
          {pattern.linkParams?.[LINK_DEFINITION_KEYS.template] !== undefined
            ? 'the template’s settings'
            : 'the pattern’s defaults'}
        </li>
      ) : null}
      {changed.map((spec) => {
        const value = params[spec.id];
        const text =
          typeof value === 'boolean'
            ? value
              ? 'on'
              : 'off'
            : `${formatParamValue(value ?? spec.default)}${spec.kind === 'number' && spec.unit ? ` ${spec.unit}` : ''}`;
        return (
          <li key={spec.id} className="chip" title={spec.description}>
            {spec.label} = {text}
          </li>
        );
      })}
      {edited.map((edge) => (
        <li key={edge} className="chip">
          edited rule on {edge}
        </li>
      ))}
    </ul>
  );
}
