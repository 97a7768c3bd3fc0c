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
export { HopBuffer, MAX_VISIBLE_DOTS } from './hopBuffer';
export { ChartHistory, HISTORY_POINTS } from './chartHistory';
export { createTicker, type Ticker } from './ticker';
export { createManualTicker, type ManualTicker } from './manualTicker';
export { parseLocation, buildSearch, parseBench, DEFAULT_SEED, type AppLocation } from './url';
export type { SimState, LiveSnapshot, SimStore, LastStep } from './simStore';
export type { PlaybackStatus, PlaybackEvent } from './playbackMachine';
export {
  openTemplate,
  importedInfo,
  importedPatterns,
  templateSearchPart,
  encodeTemplate,
  decodeTemplate,
  patternsFromSearch,
  TEMPLATE_KEY,
  type ImportedInfo,
} from './templateLink';
