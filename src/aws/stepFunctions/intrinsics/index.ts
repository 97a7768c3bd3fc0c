/**
 * Step Functions intrinsic functions (JSONPath query language): parsing, validation and
 * evaluation of `States.*` calls used in Parameters, ResultSelector, ItemSelector, Arguments and
 * Fail's ErrorPath/CausePath.
 */
export type { IntrinsicContext } from './context';
export { evaluateIntrinsic, intrinsicFailureCause, missingArgumentDetail } from './evaluate';
export {
  INTRINSIC_ARITY,
  INTRINSIC_NAMES,
  IntrinsicSyntaxError,
  isIntrinsicValid,
  looksLikeIntrinsic,
  parseIntrinsic,
  type IntrinsicArg,
  type IntrinsicCall,
} from './parser';
export { formatValue, uuidV4 } from './functions/strings';
export { hashHex, isHashAlgorithm, type HashAlgorithm } from './hash';
export { base64DecodeUtf8, base64EncodeUtf8 } from './base64';
export { JavaRandom } from './javaRandom';
