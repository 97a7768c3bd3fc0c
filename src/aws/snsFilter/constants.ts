/**
 * Constants shared by validation and matching, kept in one place so the two can never disagree
 * about what SNS's engine accepts and how precisely it compares.
 */

/** Field names event-ruler refuses inside `$or` alternatives (they are operators there). */
export const RESERVED_IN_OR: ReadonlySet<string> = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

/** SNS's documented numeric range: numbers must lie within ±10^9 … */
export const NUMBER_LIMIT = 1e9;

/** … and compare to five decimal places (SNS's documented accuracy). */
export const NUMBER_PRECISION = 1e5;
