/**
 * IP addresses and CIDR blocks, read the way event-ruler's `CIDR` class reads them with Java's
 * `InetAddress`: a string is an IP only if it looks like one (four dotted decimals, or hex digits
 * and colons) and parses; IPv4-mapped IPv6 addresses collapse to IPv4, as Java does.
 */
import { PatternError } from './errors';

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

/** An inclusive range of addresses of one family (4 or 16 bytes). */
export interface IpRange {
  low: Uint8Array;
  high: Uint8Array;
}

/** Whether the text has the shape event-ruler accepts as an IP literal before parsing it. */
export function looksLikeIp(text: string): boolean {
  return IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);
}

function parseIpv4(text: string): Uint8Array | null {
  const parts = text.split('.');
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i] ?? '';
    // Current JDKs refuse ambiguous (octal-looking) octets with leading zeros.
    if (p.length === 0 || p.length > 3 || (p.length > 1 && p[0] === '0')) return null;
    const v = Number(p);
    if (v > 255) return null;
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
    return g.every((x) => x.length >= 1 && x.length <= 4) ? g : null;
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

/** A single address as a one-element range (event-ruler turns IP-looking pattern strings into these). */
export function ipToRange(text: string): IpRange | null {
  const ip = parseIp(text);
  return ip ? { low: ip, high: ip } : null;
}

/** Java's Integer.parseInt, which event-ruler uses for the mask bits. */
function javaParseInt(text: string): number | null {
  if (!/^[+-]?[0-9]+$/.test(text)) return null;
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

/**
 * Parses a `cidr` pattern value with event-ruler's checks and messages. The range starts at the
 * address as written (event-ruler does not clear the host bits) and ends with the host bits set.
 */
export function parseCidr(text: string): IpRange {
  const slashed = javaSplitSlash(text);
  if (slashed.length !== 2) throw new PatternError("Malformed CIDR, one '/' required");
  const maskBits = javaParseInt(slashed[1] ?? '');
  if (maskBits === null) throw new PatternError('Malformed CIDR, mask bits must be an integer');
  if (maskBits < 0) throw new PatternError('Malformed CIDR, mask bits must not be negative');
  const address = slashed[0] ?? '';
  let ip: Uint8Array | null = null;
  if (looksLikeIp(address)) {
    ip = parseIp(address);
    if (!ip) throw new PatternError(`Invalid IP address: ${address}`);
  }
  if (!ip) throw new PatternError(`Nonstandard IP address: ${address}`);
  if (ip.length === 4 && maskBits > 31) throw new PatternError('IPv4 mask bits must be < 32');
  if (ip.length === 16 && maskBits > 127) throw new PatternError('IPv6 mask bits must be < 128');
  let hostBits = ip.length * 8 - maskBits;
  const high = new Uint8Array(ip.length);
  for (let i = ip.length - 1; i >= 0; i--) {
    const b = ip[i] ?? 0;
    if (hostBits >= 8) high[i] = 0xff;
    else if (hostBits <= 0) high[i] = b;
    else high[i] = b | ((1 << hostBits) - 1);
    hostBits -= 8;
  }
  return { low: ip, high };
}

/** Whether an address lies inside a range of the same family. */
export function inIpRange(range: IpRange, ip: Uint8Array): boolean {
  if (ip.length !== range.low.length) return false;
  return compareBytes(ip, range.low) >= 0 && compareBytes(ip, range.high) <= 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Canonical text of an address, for explanations. */
export function formatIp(ip: Uint8Array): string {
  if (ip.length === 4) return Array.from(ip).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2)
    groups.push((((ip[i] ?? 0) << 8) | (ip[i + 1] ?? 0)).toString(16));
  return groups.join(':');
}
