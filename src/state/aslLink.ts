/**
 * An imported workflow in a share link: `asl=<base64url of the deflated JSON>` (fflate), so a
 * definition of a few kilobytes stays a link that chat tools and browsers accept. A malformed
 * value gives one clear sentence and the rest of the link still applies.
 */
import { decodeLinkJson, encodeLinkJson, LINK_DEFINITION_KEYS } from '../kit/linkCodec';
import {
  importedPattern,
  importedWorkflowOf,
  type ImportedWorkflow,
  type Pattern,
} from '../patterns';

/** The address key of an imported workflow. */
export const ASL_KEY = LINK_DEFINITION_KEYS.asl;

/** The link value of an imported workflow. */
export function encodeWorkflow(workflow: ImportedWorkflow): string {
  return encodeLinkJson(workflow);
}

/** Reads a link value back: the workflow, or one sentence saying what is wrong with it. */
export function decodeWorkflow(
  value: string,
): { workflow: ImportedWorkflow; pattern: Pattern } | { error: string } {
  const fail = (what: string) => ({
    error: `The imported workflow in the link ("${ASL_KEY}=") ${what}. Showing the pattern's own workflow; the rest of the link applies.`,
  });
  let decoded: unknown;
  try {
    decoded = decodeLinkJson(value);
  } catch (e) {
    return fail(
      e instanceof SyntaxError
        ? `is not valid JSON (${e.message})`
        : `could not be read (${(e as Error).message})`,
    );
  }
  if (!decoded || typeof decoded !== 'object' || !('definition' in decoded))
    return fail('is not valid JSON (it has no "definition")');
  const workflow = decoded as ImportedWorkflow;
  try {
    return { workflow, pattern: importedPattern(workflow) };
  } catch (e) {
    return fail(`is not a valid state machine: ${(e as Error).message.split('\n').join('; ')}`);
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
