/**
 * EventBridge event patterns as AWS runs them: validation with AWS's exact messages, matching
 * (with a compiled fast path), mismatch explanations, and target input shaping (InputPath and
 * InputTransformer). Behaviour follows aws/event-ruler, the matcher EventBridge is built on.
 */
export { compileEventPattern, matchEventPattern, type EventMatcher } from './match';
export {
  validateEventPattern,
  parseEventPattern,
  InvalidEventPatternError,
  INVALID_PATTERN_PREFIX,
} from './validate';
export { explainEventPatternMismatch, describeCondition } from './explain';
export {
  applyInputTransformer,
  applyInputPath,
  type InputTransformer,
  type TransformContext,
} from './inputTransformer';
export { evaluateJsonPath, parseJsonPath, type PathResult, type PathSegment } from './jsonPath';
export {
  benchEventPatternMatching,
  runEventPatternBenchmark,
  type EventPatternBenchResult,
} from './bench';
export { MAX_OR_COMBINATIONS, MAX_WILDCARD_COMPLEXITY } from './compile';
export type {
  Condition,
  Explanation,
  Leaf,
  MismatchReason,
  PatternIR,
  ValidationResult,
} from './types';
