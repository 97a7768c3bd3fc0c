/**
 * Numeric matching limits. AWS compares numbers through event-ruler's `ComparableNumber`, which
 * reads a number's *text* as a `BigDecimal`, strips trailing zeros, refuses more than six decimal
 * places, multiplies by 10^6 exactly (`longValueExact`) and keeps values in [-5e9, 5e9]; the
 * result is a fixed-point integer of micro-units, compared as such. So a number takes part in
 * numeric matching exactly when its text has at most six decimals and lies in range, and two
 * numbers are numerically equal exactly when their micro-units are: no rounding to a double is
 * involved anywhere. Those micro-units (at most 5e15 in magnitude) are exact JavaScript integers,
 * which is how they are held here ("scaled" values). Patterns outside the limits are rejected with
 * event-ruler's own messages, reproduced exactly (including the odd "Only values upto 6 decimals").
 * event-ruler's README states the limits as "-5.0e9 and +5.0e9 inclusive, with 15 digits of
 * precision, that is to say 6 digits to the right of the decimal point"; the EventBridge user
 * guide's content-filtering page still says ±1.0e9 with the same six decimals. The engine follows
 * event-ruler's code (±5e9), as it always has.
 */
import { PatternError } from '../ruler/errors';
import { JsonNumber, type EventNumber } from '../ruler/jsonText';

/** The largest magnitude a number may have to take part in numeric matching. */
export const NUMBER_LIMIT = 5e9;

/** {@link NUMBER_LIMIT} in micro-units: the bound on a scaled value. */
export const SCALED_LIMIT = 5e15;

const LIMIT_SCALED = 5_000_000_000_000_000n; // 5e9 * 1e6
const LONG_MAX = 9_223_372_036_854_775_807n;
const PLAIN_DECIMAL = /^-?\d+(?:\.(\d+))?$/;

/**
 * The micro-units of a double as JavaScript prints it (the text event-ruler would receive for a
 * number in an event built from objects), or null when that text has more than six decimals or
 * lies outside ±5e9. Exact: the integer and fractional digits are combined as integers, never by
 * multiplying the double (which rounds for large values: 4300018816.262943 × 1e6 is not an
 * integer in floating point).
 */
export function scaledOfDouble(n: number): number | null {
  if (!(n >= -NUMBER_LIMIT && n <= NUMBER_LIMIT)) return null;
  if (Number.isInteger(n)) return n * 1e6;
  if (n > -1e9 && n < 1e9) {
    // Below 1e9 the product is off by less than 0.2, so rounding it is exact, and the double
    // has at most six decimals exactly when dividing back gives it again.
    const micro = Math.round(n * 1e6);
    return micro / 1e6 === n ? micro : null;
  }
  const text = String(n);
  const m = PLAIN_DECIMAL.exec(text);
  const frac = m?.[1];
  if (m === null || frac === undefined || frac.length > 6) return null; // "1e-7" and the like
  const dot = text.indexOf('.');
  const whole = Math.abs(Number(text.slice(0, dot)));
  const micro = whole * 1e6 + Number(frac.padEnd(6, '0'));
  return text.startsWith('-') ? -micro : micro;
}

/** The micro-units of a number as written (event-ruler's `ComparableNumber`), or null. */
export function scaledOfText(text: string): number | null {
  const d = parseDecimal(text);
  if (!d || d.scale > 6) return null;
  const scaled = BigInt(d.digits) * 10n ** BigInt(6 - d.scale) * (d.negative ? -1n : 1n);
  if (scaled > LIMIT_SCALED || scaled < -LIMIT_SCALED) return null;
  return Number(scaled);
}

/** The micro-units of an event number, read from its source text when it kept one. */
export function scaledOf(n: EventNumber): number | null {
  return n instanceof JsonNumber ? scaledOfText(n.text) : scaledOfDouble(n);
}

/** Whether an event number takes part in numeric comparisons (at most 6 decimals, within ±5e9). */
export function isComparable(n: EventNumber): boolean {
  return scaledOf(n) !== null;
}

/** A decimal as Java's BigDecimal holds it: unscaled digits and a scale (digits after the point). */
interface Decimal {
  negative: boolean;
  digits: string;
  scale: number;
}

function parseDecimal(text: string): Decimal | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  let digits = (intPart + frac).replace(/^0+(?=\d)/, '');
  let scale = frac.length - Number(m[4] ?? 0);
  if (/^0+$/.test(digits)) return { negative: m[1] === '-', digits: '0', scale: 0 };
  // BigDecimal.stripTrailingZeros: drop zeros from the unscaled value, lowering the scale.
  while (digits.length > 1 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    scale--;
  }
  return { negative: m[1] === '-', digits, scale };
}

/** Java's BigDecimal.toString (plain unless the exponent is small or the scale negative). */
function decimalToString(d: Decimal): string {
  const sign = d.negative && d.digits !== '0' ? '-' : '';
  const adjusted = -d.scale + (d.digits.length - 1);
  if (d.scale >= 0 && adjusted >= -6) {
    if (d.scale === 0) return sign + d.digits;
    if (d.digits.length > d.scale) {
      return `${sign}${d.digits.slice(0, d.digits.length - d.scale)}.${d.digits.slice(d.digits.length - d.scale)}`;
    }
    return `${sign}0.${'0'.repeat(d.scale - d.digits.length)}${d.digits}`;
  }
  const mantissa = d.digits.length > 1 ? `${d.digits[0]}.${d.digits.slice(1)}` : d.digits;
  return `${sign}${mantissa}E${adjusted > 0 ? '+' : ''}${adjusted}`;
}

/** Java's Double.toHexString, which event-ruler appends to its too-many-decimals message. */
export function javaDoubleToHexString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (!Number.isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity';
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, d);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const sign = hi >>> 31 ? '-' : '';
  const exponent = (hi >>> 20) & 0x7ff;
  const mantissa =
    ((BigInt(hi & 0xfffff) << 32n) | BigInt(lo))
      .toString(16)
      .padStart(13, '0')
      .replace(/0+$/, '') || '0';
  if (exponent === 0) return mantissa === '0' ? `${sign}0x0.0p0` : `${sign}0x0.${mantissa}p-1022`;
  return `${sign}0x1.${mantissa}p${exponent - 1023}`;
}

/** Rounds a decimal half-up to six places and reads it as a double (BigDecimal.setScale + doubleValue). */
function roundedDouble(d: Decimal): number {
  const text = decimalToString(d);
  if (d.scale <= 6) return Number(text);
  const keep = d.digits.length - (d.scale - 6);
  let unscaled = keep > 0 ? BigInt(d.digits.slice(0, keep)) : 0n;
  const dropped = keep >= 0 ? d.digits.slice(keep) : d.digits.padStart(d.scale - 6, '0');
  if ((dropped[0] ?? '0') >= '5') unscaled += 1n;
  return (d.negative ? -1 : 1) * (Number(unscaled) / 1e6);
}

/**
 * Checks a pattern number the way `ComparableNumber.generate` does and returns its micro-units.
 * Throws event-ruler's message when the number has more than six decimals or lies outside ±5e9
 * (and Java's "Overflow" when it does not even fit a long in micro-units).
 */
export function comparableValue(text: string): number {
  const d = parseDecimal(text);
  if (!d)
    throw new PatternError(
      `Character ${text[0] ?? ''} is neither a decimal digit number, decimal point, nor "e" notation exponential mark.`,
    );
  if (d.scale > 6) {
    throw new PatternError(
      `Only values upto 6 decimals are supported${decimalToString(d)} ${text} ${javaDoubleToHexString(roundedDouble(d))}`,
    );
  }
  const scaled = BigInt(d.digits) * 10n ** BigInt(6 - d.scale) * (d.negative ? -1n : 1n);
  if (scaled > LONG_MAX || scaled < -LONG_MAX - 1n) throw new PatternError('Overflow');
  if (scaled > LIMIT_SCALED || scaled < -LIMIT_SCALED) {
    throw new PatternError('Value must be between -5.0E9 and 5.0E9, inclusive');
  }
  return Number(scaled);
}

/** Whether a pattern number can also match numerically (event-ruler swallows the error there). */
export function tryComparable(text: string): boolean {
  try {
    comparableValue(text);
    return true;
  } catch {
    return false;
  }
}
