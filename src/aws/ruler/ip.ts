/**
 * IP addresses and CIDR blocks, read the way event-ruler's `CIDR` class reads them with Java's
 * `InetAddress`, because its quirks are observable in both services:
 * - a string is an IP only if it first looks like one (four dotted decimals, or hex digits and
 *   colons) and then parses; a CIDR address that does not look like one is a "Nonstandard IP
 *   address", one that looks like one but does not parse an "Invalid IP address";
 * - dotted-decimal octets are read in decimal whatever their leading zeros (`010.0.0.1` is
 *   10.0.0.1), as the JDK's `IPAddressUtil.textToNumericFormatV4` reads them: it accumulates
 *   each part in base 10 and only gives up on literals longer than 15 characters (which the JDK
 *   then refuses as ambiguous, or hands to DNS, which fails: either way not an address);
 * - IPv6 groups are read as the JDK reads them: any number of hex digits worth at most 0xffff;
 * - IPv4-mapped IPv6 addresses (::ffff:a.b.c.d written in hex) collapse to IPv4, as in Java;
 * - a CIDR range runs from the network address (host bits cleared) to the broadcast address
 *   (host bits set), as event-ruler's `CIDR.cidr` computes it with `computeBottomBytes` and
 *   `computeTopBytes`: `0.0.0.5/2` covers 0.0.0.0 to 63.255.255.255. `/32` (IPv4) and `/128`
 *   (IPv6) are refused.
 * Addresses are their bytes: 4 for IPv4, 16 for IPv6.
 */

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;
const JAVA_INT = /^[+-]?[0-9]+$/;
/** `textToNumericFormatV4` returns null for longer texts before reading a digit. */
const MAX_IPV4_LITERAL = 15;

/** An inclusive range of addresses of one family (4 or 16 bytes). */
export interface IpRange {
  low: Uint8Array;
  high: Uint8Array;
}

/** The result of parsing a CIDR block: the range, or event-ruler's error text. */
export type CidrParse =
  { readonly ok: true; readonly range: IpRange } | { readonly ok: false; readonly message: string };

/** Whether the text has the shape event-ruler accepts as an IP literal before parsing it. */
export function looksLikeIp(text: string): boolean {
  return IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);
}

function parseIpv4(text: string): Uint8Array | null {
  if (text.length > MAX_IPV4_LITERAL) return null;
  const parts = text.split('.');
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i] ?? '';
    // Base 10 whatever the leading zeros: "010" is 10, as the JDK reads it.
    const v = Number(p);
    if (p.length === 0 || v > 255) return null;
    out[i] = v;
  }
  return out;
}

function parseIpv6(text: string): Uint8Array | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (s: string): string[] | null => {
    if (s === '') return [];
    const g = s.split(':');
    // The JDK counts no digits, it only refuses a group worth more than 0xffff ("00db8" is 0xdb8).
    return g.every((x) => x.length >= 1 && parseInt(x, 16) <= 0xffff) ? g : null;
  };
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (!head || !tail) return null;
  const total = head.length + tail.length;
  if (halves.length === 2 ? total > 7 : total !== 8) return null;
  const groups = [...head, ...new Array<string>(8 - total).fill('0'), ...tail];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    out[i * 2] = v >> 8;
    out[i * 2 + 1] = v & 0xff;
  });
  // Java hands back an Inet4Address for ::ffff:a.b.c.d written in hex.
  if (out.subarray(0, 10).every((b) => b === 0) && out[10] === 0xff && out[11] === 0xff)
    return out.slice(12);
  return out;
}

/** The address bytes (4 or 16) of an IP literal, or null when Java would not read it as one. */
export function parseIp(text: string): Uint8Array | null {
  if (IPV4_SHAPE.test(text)) return parseIpv4(text);
  if (IPV6_SHAPE.test(text)) return parseIpv6(text);
  return null;
}

/** Java's Integer.parseInt, which event-ruler uses for the mask bits. */
function javaParseInt(text: string): number | null {
  if (!JAVA_INT.test(text)) return null;
  const v = Number(text);
  return v >= -2147483648 && v <= 2147483647 ? v : null;
}

/** Java's String.split("/"): trailing empty strings are dropped. */
function javaSplitSlash(text: string): string[] {
  if (text === '') return [''];
  const parts = text.split('/');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Parses a `cidr` operand with event-ruler's checks, in its order and with its messages. */
export function parseCidr(text: string): CidrParse {
  const fail = (message: string): CidrParse => ({ ok: false, message });
  const slashed = javaSplitSlash(text);
  if (slashed.length !== 2) return fail("Malformed CIDR, one '/' required");
  const maskBits = javaParseInt(slashed[1] ?? '');
  if (maskBits === null) return fail('Malformed CIDR, mask bits must be an integer');
  if (maskBits < 0) return fail('Malformed CIDR, mask bits must not be negative');
  const address = slashed[0] ?? '';
  if (!looksLikeIp(address)) return fail(`Nonstandard IP address: ${address}`);
  const ip = parseIp(address);
  if (!ip) return fail(`Invalid IP address: ${address}`);
  if (ip.length === 4 && maskBits > 31) return fail('IPv4 mask bits must be < 32');
  if (ip.length === 16 && maskBits > 127) return fail('IPv6 mask bits must be < 128');
  // event-ruler's computeBottomBytes / computeTopBytes: the host bits cleared, then all set.
  let hostBits = ip.length * 8 - maskBits;
  const low = new Uint8Array(ip.length);
  const high = new Uint8Array(ip.length);
  for (let i = ip.length - 1; i >= 0; i--) {
    const b = ip[i] ?? 0;
    const hostMask = hostBits >= 8 ? 0xff : hostBits <= 0 ? 0 : (1 << hostBits) - 1;
    low[i] = b & ~hostMask;
    high[i] = b | hostMask;
    hostBits -= 8;
  }
  return { ok: true, range: { low, high } };
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether an address lies inside a range; IPv4 and IPv6 never match each other. */
export function inIpRange(range: IpRange, ip: Uint8Array): boolean {
  if (ip.length !== range.low.length) return false;
  return compareBytes(ip, range.low) >= 0 && compareBytes(ip, range.high) <= 0;
}

/** Whether two addresses are the same address (same family, same bytes). */
export function sameIp(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && compareBytes(a, b) === 0;
}

/** Canonical text of an address (dotted quad, or eight uncompressed hex groups), for people. */
export function formatIp(ip: Uint8Array): string {
  if (ip.length === 4) return Array.from(ip).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2)
    groups.push((((ip[i] ?? 0) << 8) | (ip[i + 1] ?? 0)).toString(16));
  return groups.join(':');
}
