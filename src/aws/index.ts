/**
 * Models of AWS services on the simulation kernel, and the rule engines they use. Pure, like the
 * engine: no DOM, no wall clock.
 */
export { TrafficSource, type TrafficConfig, type ArrivalPattern } from './traffic';
export { TokenBucket } from './tokenBucket';
export { ApiGateway, type ApiGatewayConfig, type HttpStatus, type Integration } from './apiGateway';
export {
  LambdaFunction,
  type LambdaConfig,
  type LambdaHandler,
  type Invocation,
  type InvocationResult,
} from './lambda';
export { SqsQueue, type SqsConfig, type SqsMessage, type Received } from './sqs';
export { SqsEventSource, type SqsEventSourceConfig } from './sqsEventSource';
export { AuroraDatabase, type AuroraConfig } from './aurora';
