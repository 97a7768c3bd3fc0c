import { messageDecouplingSqs } from './message-decoupling-sqs';
import type { PatternDefinition } from './types';

/** Every pattern, in the order the app lists them. Ids are stable: they are URLs. */
export const patterns: PatternDefinition[] = [messageDecouplingSqs];

/** Looks a pattern up by id. */
export function findPattern(id: string): PatternDefinition | undefined {
  return patterns.find((p) => p.id === id);
}

export type * from './types';
export {
  createRun,
  ScenarioRun,
  type RunSummary,
  type FlowSummary,
  type RunOptions,
} from './runtime';
export {
  defaultParams,
  resolveParams,
  parseParamValue,
  formatParamValue,
  type ParamError,
} from './params';
