/**
 * Models of AWS services on the simulation kernel, and the rule engines they use. Pure, like the
 * engine: no DOM, no wall clock. Models never touch the ledger or the hop log: they report what
 * happened through callbacks and hooks, and the kit (src/kit) decides fates and draws hops.
 */
export {
  TrafficSource,
  type TrafficConfig,
  type ArrivalPattern,
  type ArrivalSpacing,
} from './traffic';
export { TokenBucket } from './tokenBucket';
export {
  ApiGateway,
  type ApiGatewayConfig,
  type ApiGatewayStats,
  type HttpStatus,
  type Integration,
} from './apiGateway';
export {
  LambdaFunction,
  type LambdaConfig,
  type LambdaReconfig,
  type LambdaStats,
  type LambdaHandler,
  type Invocation,
  type InvocationResult,
  type InvocationSuccess,
  type InvocationFailure,
} from './lambda';
export {
  LambdaAccount,
  LambdaConfigError,
  DEFAULT_ACCOUNT_CONCURRENCY,
  MIN_UNRESERVED_CONCURRENCY,
} from './lambdaAccount';
export { type AsyncInvokeCallbacks, type AsyncFailureReason } from './lambdaAsync';
export {
  SqsQueue,
  MAX_WAIT_MS,
  DEFAULT_IN_FLIGHT_LIMIT,
  type SqsConfig,
  type SqsHooks,
  type SqsMessage,
  type SqsStats,
  type Received,
} from './sqs';
export {
  SqsPoller,
  type SqsBatchResult,
  type SqsBatchProcessor,
  type SqsPollerHooks,
} from './sqsPoller';
export {
  SqsEventSource,
  type SqsEventSourceConfig,
  type SqsEventSourceStats,
} from './sqsEventSource';
export { Ec2Consumers, type Ec2ConsumersConfig, type Ec2ConsumersStats } from './ec2Consumers';
export {
  AuroraDatabase,
  type AuroraConfig,
  type AuroraStats,
  type AuroraError,
  type QueryResult,
} from './aurora';
export {
  RetryLoop,
  type DeliveryResult,
  type DeliveryEndpoint,
  type DeliveryStopReason,
} from './delivery';
export {
  SnsTopic,
  SnsSubscription,
  SnsDeliveryPolicyError,
  retrySchedule,
  defaultRetryPolicy,
  type SnsProtocol,
  type SnsRetryPolicy,
  type SnsSubscriptionStats,
  type SnsTopicStats,
} from './sns';
export {
  EventBus,
  EventBridgeTarget,
  EventBridgeRule,
  EventBridgeLimitExceededError,
  MAX_TARGETS_PER_RULE,
  MAX_PUT_EVENTS_ENTRIES,
  EVENTBRIDGE_DEFAULT_PUT_EVENTS_PER_SECOND,
  type EventBridgeTargetConfig,
  type EventBridgeTargetStats,
} from './eventBridge';
export {
  UsagePlan,
  QUOTA_PERIOD_MS,
  type QuotaPeriod,
  type UsagePlanConfig,
  type UsagePlanVerdict,
} from './usagePlan';
