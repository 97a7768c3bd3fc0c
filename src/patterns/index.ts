import type { Pattern } from '../kit';
import { apiGatewayMultiple } from './api-gateway-multiple';
import { apiGatewaySingle } from './api-gateway-single';
import { messageBus } from './message-bus';
import { messageDecouplingSqs } from './message-decoupling-sqs';
import { orchestrationStepFunctions } from './orchestration-step-functions';
import { pubsubEventBridge } from './pubsub-eventbridge';
import { pubsubSns } from './pubsub-sns';

/**
 * Every pattern, in the order the app lists them. Ids are stable: they are URLs. Adding a
 * pattern is one folder and one line here (see docs/ARCHITECTURE.md, "How to add a pattern").
 */
export const patterns: Pattern[] = [
  messageDecouplingSqs,
  pubsubSns,
  pubsubEventBridge,
  messageBus,
  apiGatewaySingle,
  apiGatewayMultiple,
  orchestrationStepFunctions,
];

/** Looks a pattern up by id. */
export function findPattern(id: string): Pattern | undefined {
  return patterns.find((p) => p.id === id);
}

export type * from './types';
export { holds, conditionParams, checkDefinition, definitionOf } from '../kit';
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
  clipText,
  type ParamError,
} from './params';
export {
  compareTable,
  createSideRun,
  resolveSide,
  runComparison,
  sideFigures,
  splitSideSettings,
  COMPARE_FIGURES,
  type CompareFigureId,
  type CompareOptions,
  type CompareRow,
  type CompareSide,
  type ComparisonResult,
  type SideKey,
} from './compare';
export {
  runTour,
  startTourStep,
  tourMomentReached,
  TOUR_SPEED,
  type TourStop,
  type TourStepStart,
  type RunFactory,
} from './tour';
export {
  checkImportedDefinition,
  importedPattern,
  importedWorkflowOf,
  serviceName,
  taskServices,
  type ImportedWorkflow,
  type TaskBehaviour,
} from './orchestration-step-functions/imported';
/** A small workflow to try Import ASL with. */
export { SAMPLE as SAMPLE_WORKFLOW } from './orchestration-step-functions/sample';
