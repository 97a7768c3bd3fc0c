import type { PatternDefinition } from './definition';
import type { HandlerMap } from './handler';

/**
 * A pattern as the registry holds it: its definition (data) and the handlers the definition names
 * (code). A definition from a user's template has no handlers: every node runs its kind's default.
 */
export interface Pattern extends PatternDefinition {
  handlers: HandlerMap;
  /**
   * Address keys that rebuild a pattern made from what the reader brought (an imported workflow,
   * a template), e.g. `{ asl: "<deflated definition>" }`: the share link writes them as they are
   * (see linkKeys.ts and linkCodec.ts), so the link reader never loads the code that made the pattern.
   */
  linkParams?: Readonly<Record<string, string>>;
}

/** The data part of a pattern, without its handlers: what a link, an export or the schema sees. */
export function definitionOf(pattern: PatternDefinition): PatternDefinition {
  const { id, title, seedDiagram, nodes, edges, params, flows, charts, explanation, comparisons } =
    pattern;
  return {
    ...{ id, title, seedDiagram, nodes, edges, params, flows, charts, explanation },
    ...(comparisons ? { comparisons } : {}),
  };
}
