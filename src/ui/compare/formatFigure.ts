const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const two = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const cents = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/**
 * A figure of the comparison table as the view shows it: "$12.50", "342 ms", "14.76/s", "1,057",
 * or "–" where it has no value yet.
 */
export function formatFigure(x: number | null, unit: string): string {
  if (x === null) return '–';
  if (unit === 'USD') return `$${cents.format(x)}`;
  if (unit === 'ms') return x >= 10_000 ? `${two.format(x / 1000)} s` : `${two.format(x)} ms`;
  if (unit === 'msg/s') return `${two.format(x)}/s`;
  return number.format(x);
}
