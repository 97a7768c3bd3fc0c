/**
 * Field names event-ruler reserves. SNS and EventBridge run the same list (it includes operators
 * neither service exposes yet, such as `regex` and the date operators).
 */

/**
 * Field names event-ruler refuses inside `$or` alternatives, where they would be read as
 * operators: "<name> is Ruler reserved fieldName which cannot be used inside $or."
 */
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
