/**
 * The discrete-event kernel. Pure TypeScript: no DOM, no wall clock, no ambient randomness.
 * Start with {@link World}, which bundles the clock, ledger, hop log and metrics.
 */
export { Simulation, type ScheduledEvent } from './simulation';
export { EventQueue, type EventHandler } from './eventQueue';
export { Rng } from './rng';
export { sample, meanOf, scaled, type Distribution } from './distributions';
export { Histogram } from './histogram';
export { RingBuffer } from './ringBuffer';
export { MessageLedger, Fate, type DropReason, type LedgerSummary } from './ledger';
export { TimeAverage, FlowLatency, MetricsSampler, type Counter, type SeriesSpec } from './metrics';
export { HopLog, HopKind, type Hop } from './hops';
export { SpanLog, type Span, type SpanOutcome, type TraceRecord } from './spans';
export { World, type WorldOptions } from './world';
export { TimeoutQueue, type TimeoutHandle } from './timeouts';
export { MinHeap } from './minHeap';
export { Station, type StationConfig } from './station';
export { mm1, mmc, md1, erlangB, erlangC } from './queueing';
