/**
 * Constants shared by validation and matching, kept in one place so the two can never disagree
 * about what SNS's engine accepts and how precisely it compares. Where SNS reads a rule exactly as
 * EventBridge does, the logic lives in ../ruler/ instead; these are the points where SNS differs.
 */
import type { LeadingZeroOctets } from '../ruler/ip';

/** SNS's documented numeric range: numbers must lie within ±10^9 … */
export const NUMBER_LIMIT = 1e9;

/** … and compare to five decimal places (SNS's documented accuracy). */
export const NUMBER_PRECISION = 1e5;

/**
 * Dotted-decimal octets with leading zeros (`010.0.0.1`) read as decimal, as this engine always
 * has; the EventBridge engine refuses them as current JDKs do. No recorded AWS case covers them.
 */
export const LEADING_ZERO_OCTETS: LeadingZeroOctets = 'decimal';
