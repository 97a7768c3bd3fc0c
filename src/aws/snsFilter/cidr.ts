/**
 * IP-address and CIDR handling for the `cidr` operator, following AWS event-ruler (the engine
 * behind SNS filtering) rather than a generic IP library, because its quirks are observable:
 * - an address is only considered if it first looks like one (event-ruler's two regexes), which
 *   is where "Nonstandard IP address: …" comes from;
 * - the mask is parsed like Java's `Integer.parseInt`, and `/32` (IPv4) or `/128` (IPv6) is
 *   rejected ("IPv4 mask bits must be < 32");
 * - the range runs from the address *as written* (not masked) to the address with all host bits
 *   set, and an IPv4-mapped IPv6 address (::ffff:a.b.c.d in hex) is an IPv4 address, as in Java.
 */

/** An IP address as its 4 (IPv4) or 16 (IPv6) bytes. */
export type IpBytes = readonly number[];

/** The inclusive byte range a CIDR block covers. */
export interface IpRange {
  readonly bottom: IpBytes;
  readonly top: IpBytes;
}

/** The result of parsing a CIDR block: a range, or event-ruler's error text. */
export type CidrParse =
  { readonly ok: true; readonly range: IpRange } | { readonly ok: false; readonly message: string };

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;
const JAVA_INT = /^[+-]?\d+$/;

/** True when text has the shape event-ruler treats as an IP literal (before validating it). */
function looksLikeIp(text: string): boolean {
  return IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);
}

function parseIpv4(text: string): number[] | undefined {
  const bytes = text.split('.').map(Number);
  return bytes.every((b) => b <= 255) ? bytes : undefined;
}

function parseHexGroups(part: string): number[] | undefined {
  if (part === '') return [];
  const groups = part.split(':');
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => parseInt(g, 16));
}

function parseIpv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseHexGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseHexGroups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = groups.flatMap((g) => [g >> 8, g & 0xff]);
  const mapped =
    bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

/** Parses text the way event-ruler does; `undefined` when it is not a usable IP literal. */
export function parseIp(text: string): IpBytes | undefined {
  if (IPV4_SHAPE.test(text)) return parseIpv4(text);
  if (IPV6_SHAPE.test(text)) return parseIpv6(text);
  return undefined;
}

/** Java's `String.split("/")`: trailing empty parts are dropped, leading ones kept. */
function javaSplitOnSlash(text: string): string[] {
  const parts = text.split('/');
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Parses a CIDR block, returning event-ruler's exact error text when it is malformed. */
export function parseCidr(text: string): CidrParse {
  const parts = javaSplitOnSlash(text);
  const [address = '', maskText = ''] = parts;
  if (parts.length !== 2) return { ok: false, message: "Malformed CIDR, one '/' required" };
  const maskBits = Number(maskText);
  if (!JAVA_INT.test(maskText) || maskBits > 2147483647 || maskBits < -2147483648) {
    return { ok: false, message: 'Malformed CIDR, mask bits must be an integer' };
  }
  if (maskBits < 0) return { ok: false, message: 'Malformed CIDR, mask bits must not be negative' };
  if (!looksLikeIp(address)) return { ok: false, message: `Nonstandard IP address: ${address}` };
  const ip = parseIp(address);
  if (ip === undefined) return { ok: false, message: `Invalid IP address: ${address}` };
  if (ip.length === 4 && maskBits > 31)
    return { ok: false, message: 'IPv4 mask bits must be < 32' };
  if (ip.length === 16 && maskBits > 127)
    return { ok: false, message: 'IPv6 mask bits must be < 128' };
  let hostBits = ip.length * 8 - maskBits;
  const top = [...ip];
  for (let i = top.length - 1; i >= 0 && hostBits > 0; i -= 1, hostBits -= 8) {
    top[i] = (top[i] ?? 0) | (hostBits >= 8 ? 0xff : (1 << hostBits) - 1);
  }
  return { ok: true, range: { bottom: ip, top } };
}

function compareBytes(a: IpBytes, b: IpBytes): number {
  for (let i = 0; i < a.length; i += 1) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** True when the address lies in the range; IPv4 and IPv6 never match each other. */
export function ipInRange(ip: IpBytes, range: IpRange): boolean {
  return (
    ip.length === range.bottom.length &&
    compareBytes(ip, range.bottom) >= 0 &&
    compareBytes(ip, range.top) <= 0
  );
}

/** True when two addresses are the same address (same family, same bytes). */
export function sameIp(a: IpBytes, b: IpBytes): boolean {
  return a.length === b.length && compareBytes(a, b) === 0;
}
