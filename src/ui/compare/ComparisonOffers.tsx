import type { ComparisonOffer } from '../../patterns';
import { offerSearch } from '../../state';

/**
 * The comparisons a pattern offers, each one click from its guide: a link to the compare view
 * with both sides set, on the seed in use.
 */
export function ComparisonOffers({ offers, seed }: { offers: ComparisonOffer[]; seed: number }) {
  if (offers.length === 0) return null;
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
      </ul>
    </section>
  );
}
