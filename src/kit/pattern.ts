import type { PatternDefinition } from './definition';
import type { HandlerMap } from './handler';

/**
 * A pattern as the registry holds it: its definition (data) and the handlers the definition names
 * (code). A definition from a user's template has no handlers: every node runs its kind's default.
 */
export interface Pattern extends PatternDefinition {
  handlers: HandlerMap;
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
