import { checkDefinition, type Pattern, type PatternDefinition } from '../patterns';
import { TEMPLATE_HANDLERS } from './toDefinition';
import type { ResourceReport } from './translate';

/**
 * What a link (`template=`) or a scenario file (`imported.template`) carries of an imported
 * architecture: its definition as the kit takes it, and what the import left out. Rebuilding a
 * pattern from it needs no template: the definition is checked as the kit checks any pattern.
 */

/** What the app keeps of an imported template besides its pattern. */
export interface ImportedInfo {
  /** The template's file within what was opened. */
  file: string;
  resources: ResourceReport;
  /** Settings or behaviour approximated, one sentence each. */
  notes: string[];
}

/** The carried form, version 1. */
export interface TemplatePayload {
  v: 1;
  definition: PatternDefinition;
  info: ImportedInfo;
}

/** The payload of an imported pattern (its handlers and link left out: they are rebuilt). */
export function templatePayload(pattern: Pattern, info: ImportedInfo): TemplatePayload {
  const { handlers: _handlers, linkParams: _link, ...definition } = pattern;
  return { v: 1, definition, info };
}

/**
 * The runnable pattern a payload describes, or one sentence saying what is wrong with it ("from
 * another version", "not valid (path: problem)"); never throws.
 */
export function patternFromPayload(
  payload: unknown,
): { pattern: Pattern; info: ImportedInfo } | { error: string } {
  const p = payload as Partial<TemplatePayload> | null;
  if (!p || typeof p !== 'object' || p.v !== 1 || !p.definition || !p.info)
    return { error: 'it is from another version of the app' };
  const problems = checkDefinition(p.definition);
  if (problems.length > 0)
    return { error: `it is not valid (${problems[0]?.path}: ${problems[0]?.message})` };
  return { pattern: { ...p.definition, handlers: TEMPLATE_HANDLERS }, info: p.info };
}
