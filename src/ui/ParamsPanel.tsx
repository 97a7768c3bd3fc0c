import { useMemo } from 'react';
import { ServiceIcon } from '../canvas';
import { defaultParams, type ParamSpec, type ParamValue } from '../patterns';
import { useSim, useSimulator } from '../state';
import { groupParams } from './nodeParams';
import { unusedReason } from './paramConditions';
import { ParamControl } from './ParamControl';

/** A list of parameter controls bound to the simulator (used by the panel and the node details). */
export function ParamList({ specs }: { specs: ParamSpec[] }) {
  const sim = useSimulator();
  const pattern = useSim((s) => s.pattern);
  const params = useSim((s) => s.params);
  const defaults = useMemo(() => defaultParams(pattern), [pattern]);
  return (
    <div className="flex flex-col gap-3">
      {specs.map((spec) => (
        <ParamControl
          key={spec.id}
          spec={spec}
          value={params[spec.id] ?? spec.default}
          changed={params[spec.id] !== defaults[spec.id]}
          unused={unusedReason(spec, pattern, params)}
          onChange={(value: ParamValue) => sim.setParams({ [spec.id]: value })}
        />
      ))}
    </div>
  );
}

/** Every parameter of the pattern, grouped by the service it configures. */
export function ParamsPanel() {
  const sim = useSimulator();
  const pattern = useSim((s) => s.pattern);
  const params = useSim((s) => s.params);
  const groups = useMemo(() => groupParams(pattern), [pattern]);
  const defaults = useMemo(() => defaultParams(pattern), [pattern]);
  const changed = pattern.params.filter((p) => params[p.id] !== defaults[p.id]).length;
  const notes = useSim((s) => s.live.notes);
  return (
    <div className="flex flex-col gap-5">
      <div className="flex items-center justify-between">
        <p className="text-xs text-muted">
          Changes apply to the running simulation; a setting that rewires the graph restarts it from
          t = 0.
        </p>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          disabled={changed === 0}
          onClick={() => sim.setParams(defaults)}
        >
          Reset all{changed > 0 ? ` (${changed})` : ''}
        </button>
      </div>
      {groups.map((group) => {
        const kind = pattern.nodes.find((n) => n.id === group.nodeId)?.kind;
        return (
          <section
            key={group.nodeId ?? 'other'}
            aria-label={group.title}
            className="flex flex-col gap-3"
          >
            <h3 className="group-title">
              {kind ? <ServiceIcon kind={kind} size={18} /> : null}
              {group.title}
            </h3>
            {group.nodeId && notes[group.nodeId] ? (
              <p className="param-note" role="status">
                {notes[group.nodeId]}
              </p>
            ) : null}
            <ParamList specs={group.params} />
          </section>
        );
      })}
    </div>
  );
}
