import type { ComparisonOffer } from '../../patterns';
import { differsFromDefaults, mineVsDefaultsSearch, offerSearch, useSim } from '../../state';
import { LINK_DEFINITION_KEYS } from '../../kit/linkKeys';

/**
 * The comparisons a pattern offers, each one click from its guide: a link to the compare view
 * with both sides set, on the seed in use. Every pattern, an imported architecture included, also
 * offers the reader's own settings against the defaults once they have changed one.
 */
export function ComparisonOffers({ offers, seed }: { offers: ComparisonOffer[]; seed: number }) {
  const pattern = useSim((s) => s.pattern);
  const params = useSim((s) => s.params);
  const rules = useSim((s) => s.rules);
  const imported = pattern.linkParams?.[LINK_DEFINITION_KEYS.template] !== undefined;
  const defaults = imported ? 'the template’s settings' : 'the defaults';
  const changed = differsFromDefaults(pattern, params, rules);
  return (
    <section aria-labelledby="compare-offers">
      <h3 id="compare-offers" className="section-title">
        Compare
      </h3>
      <ul className="flex flex-col gap-2">
        {offers.map((offer) => (
          <li key={offer.id}>
            <a className="btn compare-offer" href={offerSearch(offer, seed)}>
              {offer.label}
            </a>
            <p className="mt-1 text-xs text-muted">{offer.description}</p>
          </li>
        ))}
        <li>
          {changed ? (
            <a
              className="btn compare-offer"
              href={mineVsDefaultsSearch(pattern, params, rules, seed)}
            >
              Your settings vs {defaults}
            </a>
          ) : null}
          <p className="mt-1 text-xs text-muted">
            {changed
              ? `Both run side by side on the same seeded traffic: ${defaults} as A, yours as B.`
              : `Change a setting, then compare it here with ${defaults}, side by side under the same traffic.`}
          </p>
        </li>
      </ul>
    </section>
  );
}
