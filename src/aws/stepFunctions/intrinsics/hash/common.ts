/** Helpers shared by the hash implementations. */

/** Lower-case hex of a byte array. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * Merkle–Damgård padding: the message, a 0x80 byte, zeros, then the bit length in `lengthBytes`
 * bytes (big-endian unless `littleEndian`), to a multiple of `blockBytes`.
 */
export function pad(
  message: Uint8Array,
  blockBytes: number,
  lengthBytes: number,
  littleEndian = false,
): Uint8Array {
  const total = Math.ceil((message.length + 1 + lengthBytes) / blockBytes) * blockBytes;
  const out = new Uint8Array(total);
  out.set(message);
  out[message.length] = 0x80;
  // Bit length as a 64-bit count (messages here are far below 2^53 bits).
  let bits = message.length * 8;
  for (let i = 0; i < 8; i++) {
    const pos = littleEndian ? total - lengthBytes + i : total - 1 - i;
    out[pos] = bits % 256;
    bits = Math.floor(bits / 256);
  }
  return out;
}
