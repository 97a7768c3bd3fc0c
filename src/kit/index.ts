/**
 * The pattern kit: patterns as data (`definition.ts`, checked by `schema.ts`), one module per
 * service kind (`kinds/`), links that carry messages along edges and draw them (`link.ts`), and
 * the assembler that turns a definition and parameter values into a running simulation
 * (`assemble.ts`). Pure, like the engine and the models.
 */
export type * from './definition';
export { assemble, IN_REGION, type Assembly, type AssembleOptions } from './assemble';
export {
  ConfigReader,
  holds,
  conditionParams,
  paramRefs,
  resolveConfig,
  resolveValue,
  toDistribution,
} from './config';
export { checkDefinition, patternDefinitionSchema, type DefinitionProblem } from './schema';
export { defaultHandler, type Handler, type HandlerContext, type HandlerMap } from './handler';
export type { KindModule, NodeInstance, NodeRuntime, NodeStats, NodeContext } from './kind';
export { kindModule, hasModel, loadKinds, registerKinds } from './kinds';
export { Link } from './link';
export {
  BUFFER,
  fail,
  OK,
  Trace,
  Messages,
  type Result,
  type Reply,
  type FailureKind,
  type Custodian,
  type Grave,
} from './messages';
export { type Payload, type Json } from './payload';
export { testRules, type RuleTestResult } from './ruleTest';
export { filterPolicyProblem, eventPatternProblem, toEvent } from './kinds/rules';
export { definitionOf, type Pattern } from './pattern';
export { costOf, type CostSummary, type CostItem } from './cost';
export { PRICES, type PriceId } from './prices';
export {
  stateMachineNode,
  StateMachineNode,
  WORKFLOW_TYPES,
  type ExecutionRecord,
  type ExecutionStep,
  type StateStats,
  type WorkflowType,
} from './kinds/stepFunctions';
export {
  tellEvent,
  type EventStory,
  type EventFacts,
  type MessageMove,
  type Narrate,
  type NodeEvent,
} from './narration';
