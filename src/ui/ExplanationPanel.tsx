import { formatParamValue } from '../patterns';
import { useSim, useSimulator } from '../state';
import { stepRestarts } from './paramConditions';
import { ComparisonOffers } from './compare/ComparisonOffers';
import { blurAfterPointer } from './pointerBlur';
import { TourPanel } from './TourPanel';

/** The pattern's explanation: what it is, when to use it, its trade-offs, and guided experiments. */
export function ExplanationPanel() {
  const sim = useSimulator();
  const pattern = useSim((s) => s.pattern);
  const status = useSim((s) => s.status);
  const params = useSim((s) => s.params);
  const seed = useSim((s) => s.seed);
  const { explanation } = pattern;
  return (
    <div className="flex flex-col gap-5 text-sm leading-relaxed">
      <p className="text-[13.5px] text-[var(--fg-soft)]">{explanation.summary}</p>
      <TourPanel />

      <ComparisonOffers offers={pattern.comparisons ?? []} seed={seed} />

      {explanation.whatToTry.length === 0 ? null : (
        <section aria-labelledby="what-to-try">
          <h3 id="what-to-try" className="section-title">
            What to try
          </h3>
          <ol className="try-list">
            {explanation.whatToTry.map((step, i) => {
              const settings = Object.entries(step.set ?? {});
              const param = (id: string) => pattern.params.find((p) => p.id === id);
              const restarts = stepRestarts(step.set, pattern, params);
              return (
                <li key={i}>
                  <button
                    type="button"
                    className="try-step"
                    onClick={(e) => {
                      blurAfterPointer(e);
                      if (settings.length > 0) sim.setParams(step.set ?? {});
                      if (status !== 'running') sim.play();
                    }}
                  >
                    <span className="try-number" aria-hidden="true">
                      {i + 1}
                    </span>
                    <span className="flex flex-col gap-1.5">
                      <span>{step.text}</span>
                      {settings.length > 0 ? (
                        <span className="flex flex-wrap gap-1">
                          {settings.map(([id, value]) => (
                            <span key={id} className="chip">
                              {param(id)?.label ?? id} ={' '}
                              {typeof value === 'boolean'
                                ? value
                                  ? 'on'
                                  : 'off'
                                : formatParamValue(value)}
                              {param(id)?.unit && typeof value === 'number'
                                ? ` ${param(id)?.unit}`
                                : ''}
                            </span>
                          ))}
                          {restarts ? (
                            <span
                              className="chip chip-restart"
                              title="This step changes a setting that rewires the diagram, so the run starts again from t = 0."
                            >
                              restarts at t = 0
                            </span>
                          ) : null}
                        </span>
                      ) : null}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </section>
      )}

      <section aria-labelledby="when-to-use">
        <h3 id="when-to-use" className="section-title">
          When to use it
        </h3>
        <ul className="bullet-list">
          {explanation.whenToUse.map((text, i) => (
            <li key={i}>{text}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="trade-offs">
        <h3 id="trade-offs" className="section-title">
          Trade-offs
        </h3>
        <ul className="bullet-list">
          {explanation.tradeOffs.map((text, i) => (
            <li key={i}>{text}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
