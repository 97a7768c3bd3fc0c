/**
 * An imported workflow in a share link: `asl=<base64url of the deflated JSON>` (fflate), so a
 * definition of a few kilobytes stays a link that chat tools and browsers accept. A malformed
 * value gives one clear sentence and the rest of the link still applies.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import {
  importedPattern,
  importedWorkflowOf,
  type ImportedWorkflow,
  type Pattern,
} from '../patterns';

/** The address key of an imported workflow. */
export const ASL_KEY = 'asl';

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

/** The link value of an imported workflow. */
export function encodeWorkflow(workflow: ImportedWorkflow): string {
  return toBase64Url(deflateSync(strToU8(JSON.stringify(workflow)), { level: 9 }));
}

/** Reads a link value back: the workflow, or one sentence saying what is wrong with it. */
export function decodeWorkflow(
  value: string,
): { workflow: ImportedWorkflow; pattern: Pattern } | { error: string } {
  let json: string;
  try {
    json = strFromU8(inflateSync(fromBase64Url(value.trim())));
  } catch (e) {
    return {
      error: `The imported workflow in the link ("${ASL_KEY}=") could not be read (${(e as Error).message || 'not compressed data'}). Showing the pattern's own workflow; the rest of the link applies.`,
    };
  }
  let workflow: ImportedWorkflow;
  try {
    workflow = JSON.parse(json) as ImportedWorkflow;
    if (!workflow || typeof workflow !== 'object' || !('definition' in workflow))
      throw new Error('it has no "definition"');
  } catch (e) {
    return {
      error: `The imported workflow in the link ("${ASL_KEY}=") is not valid JSON (${(e as Error).message}). Showing the pattern's own workflow; the rest of the link applies.`,
    };
  }
  try {
    return { workflow, pattern: importedPattern(workflow) };
  } catch (e) {
    return {
      error: `The imported workflow in the link ("${ASL_KEY}=") is not a valid state machine: ${(e as Error).message.split('\n').join('; ')}. Showing the pattern's own workflow; the rest of the link applies.`,
    };
  }
}

/** The link value for a pattern made from an imported workflow (undefined for the others). */
export function workflowLinkValue(pattern: Pattern): string | undefined {
  const w = importedWorkflowOf(pattern);
  return w ? encodeWorkflow(w) : undefined;
}

/**
 * The patterns to read an address against: with `asl=` valid, the imported workflow in place of
 * the pattern of the same id; with it invalid, the patterns as they are and the error.
 */
export function patternsWithLink(
  search: string,
  patterns: readonly Pattern[],
): { patterns: readonly Pattern[]; errors: string[] } {
  const value = new URLSearchParams(search).get(ASL_KEY);
  if (value === null) return { patterns, errors: [] };
  const r = decodeWorkflow(value);
  if ('error' in r) return { patterns, errors: [r.error] };
  return {
    patterns: patterns.map((p) => (p.id === r.pattern.id ? r.pattern : p)),
    errors: [],
  };
}
