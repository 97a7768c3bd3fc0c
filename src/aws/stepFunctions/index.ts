/**
 * Amazon States Language interpreter, run on an injected (virtual) clock by a small engine of its
 * own (`engine.ts`: a program per definition, a frame per execution, branch and iteration).
 *
 * - `startExecution(definition, input, options)` starts an `Execution`; time passes only when the
 *   clock you pass is advanced, Tasks are answered through `options.taskHandler`'s callbacks
 *   (synchronously or later), and with `stepping: true` each state transition waits for `step()`.
 * - `runExecution(...)` runs one to completion on a `VirtualClock` (tests, batch simulations).
 * - `startSimulatedExecution(sim, rng, definition, input, options)` runs one inside a
 *   discrete-event `Simulation` (src/engine): timers on `sim`, randomness from `rng`, Tasks
 *   answered later through a callback, events for whoever follows it (simulated.ts).
 * - `compileDefinition(definition)` validates once for many executions.
 * - `validateDefinition` gives the definition problems (with their paths); `history.ts` the
 *   AWS-shaped execution history.
 */
export { benchStateTransitions } from './bench';
export { VirtualClock } from './clock';
export { ErrorNames, errorMatches } from './errors';
export {
  compileDefinition,
  CompiledStateMachine,
  DEFAULT_START_TIME,
  Execution,
  runExecution,
  seededRandom,
  startExecution,
  type ExecutionOptions,
  type ExecutionOutcome,
  type ExecutionResult,
  type RunOptions,
} from './execution';
export {
  SimulatedExecution,
  SimulationClock,
  startSimulatedExecution,
  type SimulatedExecutionEvent,
  type SimulatedExecutionOptions,
  type SimulatedTaskHandler,
  type SimulatedTaskResult,
} from './simulated';
export {
  historyProblems,
  MAX_HISTORY_EVENTS,
  type HistoryEvent,
  type HistoryEventType,
} from './history';
export { decideRetry, retryDelaySeconds, RETRY_DEFAULTS } from './retry';
export { replayTasks, type RecordedTaskOutcome } from './replay';
export { StatesError } from './statesError';
export {
  applyResultPath,
  evaluatePayloadTemplate,
  readPath,
  type PayloadTemplateContext,
} from './paths/index';
export type {
  CatcherDefinition,
  ChoiceRuleDefinition,
  ContextObject,
  ExecutionClock,
  ExecutionObserver,
  ExecutionStatus,
  RetrierDefinition,
  StateDefinition,
  StateMachineDefinition,
  SubMachineDefinition,
  TaskCallbacks,
  TaskHandler,
  TaskInvocation,
} from './types';
export {
  assertValidDefinition,
  DefinitionError,
  validateDefinition,
  type DefinitionProblem,
} from './validate';
