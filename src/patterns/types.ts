/**
 * The types of a pattern: the data types live in the kit (src/kit/definition.ts); a registry
 * entry is a {@link Pattern}, its definition plus the handlers it names.
 */
export type * from '../kit/definition';
export type { Pattern, HandlerMap, Handler, HandlerContext } from '../kit';
