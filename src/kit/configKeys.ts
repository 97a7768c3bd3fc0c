import type { EdgeKind, ServiceKind } from './definition';

/** The traffic and payload settings every entry point reads (see `producer.ts`). */
const PRODUCER = [
  'pattern',
  'ratePerS',
  'spacing',
  'burstLengthS',
  'burstGapS',
  'rampFromPerS',
  'rampDurationS',
  'peakHour',
  'peakToTrough',
  'dayCompression',
  'payloads',
] as const;

/**
 * `handlerOptions` (compute kinds) is a record the node's handler reads as it likes.
 *
 * The config keys each service kind reads (see the doc comment of its module in `kinds/`). A
 * definition that sets any other key is refused by the schema check: a misspelt key would
 * otherwise fall back to its default without a word.
 */
export const NODE_CONFIG_KEYS: Record<ServiceKind, readonly string[]> = {
  user: PRODUCER,
  apiGateway: [
    'apiType',
    'rateLimitPerS',
    'burst',
    'integrationTimeoutMs',
    'overhead',
    'usagePlan',
    'apiKeys',
    'keyRateLimitPerS',
    'keyBurst',
    'quotaLimit',
    'quotaPeriod',
    'missingKeyPercent',
  ],
  lambda: [
    'duration',
    'errorRate',
    'timeoutMs',
    'coldStart',
    'reservedConcurrency',
    'provisionedConcurrency',
    'memoryMb',
    'architecture',
    'keepWarmMs',
    'scaleLimitPer10s',
    'maximumRetryAttempts',
    'maximumEventAgeS',
    'handlerOptions',
  ],
  sqs: [
    'visibilityTimeoutMs',
    'retentionMs',
    'delayMs',
    'maxReceiveCount',
    'apiLatencyMs',
    'inFlightLimit',
    'stream',
  ],
  aurora: [
    'maxConnections',
    'queryLatency',
    'contention',
    'proxy',
    'borrowTimeoutMs',
    'maxConnectionsPercent',
    'serverlessV2Acu',
  ],
  ec2: [
    'instances',
    'threadsPerInstance',
    'batchSize',
    'duration',
    'errorRate',
    'running',
    ...PRODUCER,
  ],
  sns: ['publishRateLimitPerS'],
  eventBridge: ['putEventsPerSecond'],
  email: ['available', 'errorRate', 'duration'],
  store: ['service', 'latency', 'writeCapacityPerS', 'errorRate'],
  pipe: ['source', 'filters', 'enrichment', 'eventSource', 'eventDetailType', 'inputTemplate'],
  opaque: ['resourceType', 'why'],
  stepFunctions: [
    'definition',
    'workflowType',
    'history',
    'historyKept',
    'taskResults',
    'duplicateRate',
    'startExecutionRatePerS',
    'startExecutionBurst',
    'stateTransitionRatePerS',
    'stateTransitionBurst',
    'maxOpenExecutions',
  ],
};

/** The config keys an edge of each kind may carry. */
export const EDGE_CONFIG_KEYS: Record<EdgeKind, readonly string[]> = {
  // resource, output, errorType: a state machine's Task → service edges (kinds/stepFunctions.ts).
  sync: ['throttleRatePerS', 'throttleBurst', 'resource', 'output', 'errorType', 'batchInput'],
  write: [],
  async: ['destination', 'batchInput'],
  poll: ['batchSize', 'batchWindowMs', 'maxConcurrency', 'reportBatchItemFailures', 'apiLatencyMs'],
  redrive: ['subscription', 'target'],
  subscription: ['protocol', 'filterPolicyScope', 'rawMessageDelivery'],
  rule: ['rule', 'maximumRetryAttempts', 'maximumEventAgeS', 'inputTransformer'],
};
