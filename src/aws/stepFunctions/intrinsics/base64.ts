/**
 * Base64 (RFC 4648, standard alphabet, padded) over UTF-8, in pure TypeScript so it runs the same
 * in the browser and in Node.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Base64 of the UTF-8 encoding of `text`. */
export function base64EncodeUtf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] as number;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    const n = (b0 << 16) | ((b1 ?? 0) << 8) | (b2 ?? 0);
    out += ALPHABET[(n >> 18) & 63];
    out += ALPHABET[(n >> 12) & 63];
    out += b1 === undefined ? '=' : ALPHABET[(n >> 6) & 63];
    out += b2 === undefined ? '=' : ALPHABET[n & 63];
  }
  return out;
}

/**
 * Decodes standard padded Base64 to text (invalid UTF-8 becomes U+FFFD, as Java's decoder does).
 * Returns undefined if `encoded` is not valid Base64.
 */
export function base64DecodeUtf8(encoded: string): string | undefined {
  if (encoded.length % 4 !== 0) return undefined;
  const pads = /=*$/.exec(encoded)?.[0].length ?? 0;
  if (pads > 2) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const ch = encoded[i + j] as string;
      const isPad = ch === '=' && i + j >= encoded.length - pads;
      const v = isPad ? 0 : LOOKUP.get(ch);
      if (v === undefined) return undefined;
      n = (n << 6) | v;
    }
    bytes.push((n >> 16) & 255, (n >> 8) & 255, n & 255);
  }
  bytes.length -= pads;
  return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
}
