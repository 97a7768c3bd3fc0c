/**
 * Constants shared by validation and matching, kept in one place so the two can never disagree
 * about what SNS's engine accepts and how precisely it compares. Where SNS reads a rule exactly as
 * EventBridge does, the logic lives in ../ruler/ instead; these are the points where SNS differs.
 */

/** SNS's documented numeric range: numbers must lie within ±10^9 … */
export const NUMBER_LIMIT = 1e9;

/** … and compare to five decimal places (SNS's documented accuracy). */
export const NUMBER_PRECISION = 1e5;
