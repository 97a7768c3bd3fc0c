/** The digests States.Hash supports, over the UTF-8 bytes of the input string. */
import { md5Hex } from './md5';
import { sha1Hex } from './sha1';
import { sha256Hex } from './sha256';
import { sha384Hex, sha512Hex } from './sha512';

/** Algorithm names exactly as States.Hash accepts them. */
export const HASH_ALGORITHMS = {
  MD5: md5Hex,
  'SHA-1': sha1Hex,
  'SHA-256': sha256Hex,
  'SHA-384': sha384Hex,
  'SHA-512': sha512Hex,
} as const;

/** A supported algorithm name. */
export type HashAlgorithm = keyof typeof HASH_ALGORITHMS;

/** True if `name` is one of MD5, SHA-1, SHA-256, SHA-384, SHA-512. */
export function isHashAlgorithm(name: string): name is HashAlgorithm {
  return Object.prototype.hasOwnProperty.call(HASH_ALGORITHMS, name);
}

/** Lower-case hex digest of the UTF-8 encoding of `text`. */
export function hashHex(text: string, algorithm: HashAlgorithm): string {
  return HASH_ALGORITHMS[algorithm](new TextEncoder().encode(text));
}
