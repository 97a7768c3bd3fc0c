import { decodeLinkJson, encodeLinkJson, LINK_DEFINITION_KEYS } from '../kit/linkCodec';
import type { Pattern } from '../patterns';
import {
  patternFromPayload,
  templatePattern,
  templatePayload,
  type ImportedInfo,
  type TemplateFiles,
} from '../template';

/**
 * Imported templates in the app: opening one (files → pattern), remembering what it left out for
 * the panel, and carrying its definition in a share link (`?template=<deflated JSON, base64url>`),
 * so a link reopens the same architecture without the files.
 */

export type { ImportedInfo };

/** The address key that carries an imported definition. */
export const TEMPLATE_KEY = LINK_DEFINITION_KEYS.template;

const imported = new Map<string, { pattern: Pattern; info: ImportedInfo; encoded: string }>();

/** Imports template files into a pattern the app can run (throws TemplateError with the line). */
export function openTemplate(
  files: TemplateFiles,
  name?: string,
): { pattern: Pattern; info: ImportedInfo } {
  const { imported: t, pattern } = templatePattern(files, name ? { name } : {});
  const info: ImportedInfo = { file: t.file, resources: t.resources, notes: t.arch.notes };
  remember(pattern, info);
  return { pattern, info };
}

/**
 * The same imported architecture with its nodes moved (a layout computed in the page, by ELK),
 * remembered and carried in links with those positions.
 */
export function withPositions(
  pattern: Pattern,
  positions: ReadonlyMap<string, { x: number; y: number }>,
): Pattern {
  const info = imported.get(pattern.id)?.info;
  const moved: Pattern = {
    ...pattern,
    nodes: pattern.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })),
  };
  if (info) remember(moved, info);
  return moved;
}

function remember(pattern: Pattern, info: ImportedInfo): void {
  const encoded = encodeLinkJson(templatePayload(pattern, info));
  // The share link carries the architecture itself (url.ts writes linkParams as they are).
  pattern.linkParams = { [TEMPLATE_KEY]: encoded };
  imported.set(pattern.id, { pattern, info, encoded });
}

/** What an imported pattern left out, or undefined for a built-in pattern. */
export function importedInfo(patternId: string): ImportedInfo | undefined {
  return imported.get(patternId)?.info;
}

/** The imported patterns opened so far (the picker lists them). */
export function importedPatterns(): Pattern[] {
  return [...imported.values()].map((e) => e.pattern);
}

/** The address part that carries an imported pattern (`template=...`), or '' for a built-in one. */
export function templateSearchPart(patternId: string): string {
  const entry = imported.get(patternId);
  return entry ? `${TEMPLATE_KEY}=${entry.encoded}` : '';
}

/**
 * The pattern a `template=` value carries, remembered for the panel and for links; or one
 * sentence saying what is wrong with it.
 */
export function decodeTemplate(
  text: string,
): { pattern: Pattern; info: ImportedInfo } | { error: string } {
  let payload: unknown;
  try {
    payload = decodeLinkJson(text);
  } catch {
    return {
      error:
        'The imported architecture in this link is damaged (it could not be read). Showing a built-in pattern instead.',
    };
  }
  const r = patternFromPayload(payload);
  if ('error' in r)
    return {
      error: `The imported architecture in this link ${r.error.replace(/^it /, '')}. Showing a built-in pattern instead.`,
    };
  const pattern: Pattern = { ...r.pattern, linkParams: { [TEMPLATE_KEY]: text } };
  imported.set(pattern.id, { pattern, info: r.info, encoded: text });
  return { pattern, info: r.info };
}

/**
 * The imported pattern an address carries, if any: the patterns list to read the rest of the
 * address against, and an error sentence for a damaged one.
 */
export function patternsFromSearch(
  search: string,
  builtIn: readonly Pattern[],
): { patterns: Pattern[]; errors: string[] } {
  const text = new URLSearchParams(search).get(TEMPLATE_KEY);
  if (text === null) return { patterns: [...builtIn], errors: [] };
  const r = decodeTemplate(text);
  if ('error' in r) return { patterns: [...builtIn], errors: [r.error] };
  return { patterns: [r.pattern, ...builtIn], errors: [] };
}
