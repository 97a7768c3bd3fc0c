/**
 * Jackson's token kinds, named as Jackson names them so the rule compilers read like event-ruler's
 * `JsonRuleCompiler`, and the small token-stream interface the shared readers walk.
 */

/** Jackson's token kinds, as the rule compiler switches on them. */
export type JsonToken =
  | 'START_OBJECT'
  | 'END_OBJECT'
  | 'START_ARRAY'
  | 'END_ARRAY'
  | 'FIELD_NAME'
  | 'VALUE_STRING'
  | 'VALUE_NUMBER_INT'
  | 'VALUE_NUMBER_FLOAT'
  | 'VALUE_TRUE'
  | 'VALUE_FALSE'
  | 'VALUE_NULL';

/** True for the two numeric token kinds (Jackson's `JsonToken.isNumeric()`). */
export function isNumericToken(token: JsonToken | null | undefined): boolean {
  return token === 'VALUE_NUMBER_INT' || token === 'VALUE_NUMBER_FLOAT';
}

/**
 * A Jackson-like token stream (`JsonParser`'s `nextToken()` and `getText()`). Each engine's
 * tokenizer provides it; shared readers call the two methods in the order event-ruler does, which
 * matters to tokenizers that track Jackson's read position.
 */
export interface TokenStream {
  /** The next token; null or undefined at the end of input. */
  nextToken(): JsonToken | null | undefined;
  /** The current token's text: a string's value, a number's source text, `[` for START_ARRAY… */
  getText(): string;
}
