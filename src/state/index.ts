export {
  createSimulator,
  MAX_SPEED,
  MIN_SPEED,
  MAX_SIM_MS,
  MIN_DOT_WALL_MS,
  SAMPLE_CAPACITY,
  SAMPLE_INTERVAL_MS,
  type Simulator,
} from './createSimulator';
export { SimProvider } from './SimProvider';
export { useSim, useSimShallow, useSimulator } from './useSim';
export { HopBuffer, MAX_DOTS, MAX_VISIBLE_DOTS, shownArriveMs } from './hopBuffer';
export { ChartHistory, HISTORY_POINTS } from './chartHistory';
export { createTicker, wallNow, type Ticker } from './ticker';
export { createManualTicker, type ManualTicker } from './manualTicker';
export {
  parseLocation,
  buildSearch,
  parseBench,
  DEFAULT_SEED,
  type AppLocation,
  type LinkMoment,
} from './url';
export { searchOf } from './shareLink';
export type { SimState, LiveSnapshot, SimStore, LastStep } from './simStore';
export type { PlaybackStatus, PlaybackEvent } from './playbackMachine';
export {
  createComparison,
  type Comparison,
  type ComparisonOptions,
  type ComparisonState,
} from './createComparison';
export {
  buildCompareSearch,
  compareSideSearches,
  differsFromDefaults,
  isCompareSearch,
  joinCompareSides,
  mineVsDefaultsSearch,
  offerSearch,
  parseCompareLocation,
  sideLabels,
  type CompareLocation,
  type CompareSideLocation,
  type CompareSideSearches,
} from './compareUrl';
// aslLink.ts and workflow.ts are imported by path, by the code that loads with a state machine
// (the workflow tab, boot's asl= reader), so that other pages never load the ASL validator.
