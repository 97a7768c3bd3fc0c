/**
 * Step Functions' JSONPath data-processing layer: reading paths ($, $$, $var), ResultPath,
 * payload templates (Parameters / ResultSelector / ItemSelector / Arguments) and the definition
 * checks the interpreter needs. Errors are StatesError with AWS's error names and causes.
 */
export { readPath, tryReadPath, invalidPathCause, type PathReadOptions } from './read';
export { applyResultPath, resultPathFailureCause } from './resultPath';
export {
  evaluatePayloadTemplate,
  evaluateField,
  templatePathMissCause,
  type PayloadTemplateContext,
} from './payloadTemplate';
export {
  isPathValid,
  isReferencePath,
  isDefinitePath,
  isPathOrIntrinsic,
  pathVariable,
  validatePayloadTemplate,
} from './validate';
export { normalizedPath, type PathResult, type EvaluateOptions } from './evaluate';
export { parsePath, PathSyntaxError, type ParsedPath, type Segment, type PathRoot } from './parse';
export { isJsonObject, jsonEquals, toJsonText } from './json';
