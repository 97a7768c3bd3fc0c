import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

export { LINK_DEFINITION_KEYS } from './linkKeys';

/** A JSON value as link text: deflated (fflate, level 9) and base64url-encoded. */
export function encodeLinkJson(value: unknown): string {
  return toBase64Url(deflateSync(strToU8(JSON.stringify(value)), { level: 9 }));
}

/**
 * Reads what {@link encodeLinkJson} wrote. Throws an Error saying what is wrong: not base64url,
 * not compressed data, or not JSON.
 */
export function decodeLinkJson(text: string): unknown {
  let json: string;
  try {
    json = strFromU8(inflateSync(fromBase64Url(text.trim())));
  } catch (e) {
    throw new Error((e as Error).message || 'not compressed data', { cause: e });
  }
  return JSON.parse(json) as unknown;
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('it is not base64url text');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
