/**
 * AWS list prices the cost model (`cost.ts`) uses: data in one place, each with its Region, the
 * date it was read, the page it comes from, and whether that page (a stored copy of AWS's own
 * page) was seen to state it. Nothing else in the code holds a price.
 *
 * On-demand prices in US East (N. Virginia), in USD. Free tiers are left out on purpose (Lambda's
 * 1M requests and 400,000 GB-seconds a month, SQS's and SNS's first million requests, Step
 * Functions' 4,000 transitions, API Gateway's first-year million calls): the bill is what the
 * traffic costs, not what one account would pay after its allowance. Volume tiers are left out
 * too, except where a price says so (`tiers`): only the first tier is listed.
 *
 * `verified: false` marks a figure whose AWS page could not be found in the stored copies of the
 * web consulted when this file was written: the figure is the one known with confidence, and its
 * `note` says what agrees with it.
 */

/** The Region every price is for. */
export const PRICE_REGION = 'us-east-1';

/** When the prices were read. */
export const PRICES_AS_OF = '2026-11-29';

/** One price: `usd` dollars per `per` of `unit`. */
export interface Price {
  /** The service, as AWS names it. */
  readonly service: string;
  /** What is charged. */
  readonly item: string;
  /** The thing counted, singular: "request", "GB-second", "hour"... */
  readonly unit: string;
  /** How many units `usd` is for (1,000,000 for "per million requests"). */
  readonly per: number;
  /** USD per `per` units (the first tier's, for a tiered price). */
  readonly usd: number;
  /**
   * Volume tiers within a month, cheapest last: `usd` per `per` units up to `upTo` units a month
   * (cumulative; the last tier has no limit). Only where the cost model uses them.
   */
  readonly tiers?: readonly { readonly upTo: number; readonly usd: number }[];
  readonly region: typeof PRICE_REGION;
  /** The date the price was read (ISO). */
  readonly asOf: string;
  /** The page the price comes from. */
  readonly source: string;
  /** True when the stored copy of an AWS page consulted states this figure. */
  readonly verified: boolean;
  readonly note?: string;
}

const LAMBDA = 'https://aws.amazon.com/lambda/pricing/';
const LAMBDA_WHITEPAPER =
  'https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html';
const API_GATEWAY_WHITEPAPER =
  'https://docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html';
const SQS = 'https://aws.amazon.com/sqs/pricing/';
const SNS = 'https://aws.amazon.com/sns/pricing/';
const EVENTBRIDGE = 'https://aws.amazon.com/eventbridge/pricing/';
const PIPES = 'https://aws.amazon.com/eventbridge/pricing/#Pipes';
const STEP_FUNCTIONS = 'https://aws.amazon.com/step-functions/pricing/';
const AURORA = 'https://aws.amazon.com/rds/aurora/pricing/';
const EC2 = 'https://aws.amazon.com/ec2/pricing/on-demand/';

const common = { region: PRICE_REGION, asOf: PRICES_AS_OF } as const;

/** Every price the cost model knows, by id. */
export const PRICES = {
  lambdaRequests: {
    ...common,
    service: 'AWS Lambda',
    item: 'requests',
    unit: 'request',
    per: 1_000_000,
    usd: 0.2,
    source: LAMBDA_WHITEPAPER,
    verified: true,
    note: 'A request is counted each time a function starts executing (an SQS batch is one). Free tier (1M a month) left out.',
  },
  lambdaComputeX86: {
    ...common,
    service: 'AWS Lambda',
    item: 'compute, x86',
    unit: 'GB-second',
    per: 1,
    usd: 0.0000166667,
    source: LAMBDA,
    verified: true,
    note: 'First tier (up to 6 billion GB-seconds a month). AWS pages write it rounded, $0.00001667 (the whitepaper and the pricing page examples); the rate table gives $0.0000166667. Free tier (400,000 GB-seconds) left out.',
  },
  lambdaComputeArm: {
    ...common,
    service: 'AWS Lambda',
    item: 'compute, Arm',
    unit: 'GB-second',
    per: 1,
    usd: 0.0000133334,
    source: LAMBDA,
    verified: false,
    note: "First tier (up to 7.5 billion GB-seconds a month). The pricing page's rate table is not in the stored copy; third-party transcriptions of it (artillery's lib/platform/aws-lambda/prices.js, cloudchipr.com) give this figure.",
  },
  lambdaProvisionedX86: {
    ...common,
    service: 'AWS Lambda',
    item: 'provisioned concurrency, x86',
    unit: 'GB-second',
    per: 1,
    usd: 0.0000041667,
    source: LAMBDA,
    verified: false,
    note: 'Charged for the time provisioned concurrency is configured, used or not. Not found in the stored copies; the figure known with confidence.',
  },
  lambdaProvisionedArm: {
    ...common,
    service: 'AWS Lambda',
    item: 'provisioned concurrency, Arm',
    unit: 'GB-second',
    per: 1,
    usd: 0.0000033334,
    source: LAMBDA,
    verified: false,
    note: 'Not found in the stored copies; the figure known with confidence (80% of the x86 price, as for compute).',
  },
  apiGatewayRest: {
    ...common,
    service: 'Amazon API Gateway',
    item: 'REST API requests',
    unit: 'request',
    per: 1_000_000,
    usd: 3.5,
    source: API_GATEWAY_WHITEPAPER,
    verified: true,
    note: 'First tier: the first 333 million requests a month (then $2.80, $2.38, $1.51 per million). Throttled and unauthorised requests are not billed.',
  },
  apiGatewayHttp: {
    ...common,
    service: 'Amazon API Gateway',
    item: 'HTTP API requests',
    unit: 'request',
    per: 1_000_000,
    usd: 1.0,
    source: API_GATEWAY_WHITEPAPER,
    verified: true,
    note: 'First tier: the first 300 million requests a month (then $0.90 per million); metered in 512 KB increments.',
  },
  sqsStandardRequests: {
    ...common,
    service: 'Amazon SQS',
    item: 'standard queue requests',
    unit: 'request',
    per: 1_000_000,
    usd: 0.4,
    source: SQS,
    verified: false,
    note: "Every API action is a request; a request carries up to 10 messages and 64 KB (each further 64 KB chunk is billed as another request), so a ReceiveMessage of 10 messages or a DeleteMessageBatch of 10 entries is one request, and an empty receive is one too. First tier (up to 100 billion a month). The pricing page is not in the stored copies; AWS's developer guide (sqs-batch-api-actions) confirms batches reduce cost, and third-party pages (blog.awsfundamentals.com/sqs-pricing, cloudburn.io) give $0.40.",
  },
  snsPublishes: {
    ...common,
    service: 'Amazon SNS',
    item: 'standard topic publishes',
    unit: 'request',
    per: 1_000_000,
    usd: 0.5,
    source: SNS,
    verified: false,
    note: 'Each 64 KB chunk of a published message is one request. Not found in a stored copy of the AWS page; third-party pages (factualminds.com, awsnegotiations.com) agree.',
  },
  snsDeliverySqs: {
    ...common,
    service: 'Amazon SNS',
    item: 'deliveries to SQS',
    unit: 'delivery',
    per: 1_000_000,
    usd: 0,
    source: SNS,
    verified: false,
    note: 'No charge for deliveries to SQS queues (the SendMessage into the queue is an SQS request, billed by SQS). From the AWS page as known; not in the stored copies.',
  },
  snsDeliveryLambda: {
    ...common,
    service: 'Amazon SNS',
    item: 'deliveries to Lambda',
    unit: 'delivery',
    per: 1_000_000,
    usd: 0,
    source: SNS,
    verified: false,
    note: 'No charge for deliveries to Lambda functions (the invocation is billed by Lambda). From the AWS page as known; not in the stored copies.',
  },
  snsDeliveryEmail: {
    ...common,
    service: 'Amazon SNS',
    item: 'email deliveries',
    unit: 'delivery',
    per: 100_000,
    usd: 2.0,
    source: SNS,
    verified: false,
    note: 'Email and email-JSON notifications. Not found in a stored copy of the AWS page; factualminds.com agrees ($2 per 100,000).',
  },
  snsDeliveryHttp: {
    ...common,
    service: 'Amazon SNS',
    item: 'HTTP/S deliveries',
    unit: 'delivery',
    per: 1_000_000,
    usd: 0.6,
    source: SNS,
    verified: false,
    note: 'Not found in a stored copy of the AWS page; factualminds.com agrees ($0.60 per million).',
  },
  eventBridgeCustomEvents: {
    ...common,
    service: 'Amazon EventBridge',
    item: 'custom events published',
    unit: 'event',
    per: 1_000_000,
    usd: 1.0,
    source: EVENTBRIDGE,
    verified: false,
    note: 'Each PutEvents entry is an event, each 64 KB chunk of it one more; rule matching and delivery to targets in the same account are included. Not found in a stored copy of the AWS page; blog.awsfundamentals.com and cloudburn.io agree.',
  },
  pipesRequests: {
    ...common,
    service: 'Amazon EventBridge Pipes',
    item: 'requests (after filtering)',
    unit: 'request',
    per: 1_000_000,
    usd: 0.4,
    source: PIPES,
    verified: false,
    note: 'Counted after filtering (records filtered out are not charged), each 64 KB chunk of payload a request; the cost model counts each record that passed as one request, so small records batched together may bill fewer. Not found in a stored copy of the AWS page; the figure known with confidence.',
  },
  stepFunctionsStandardTransitions: {
    ...common,
    service: 'AWS Step Functions',
    item: 'Standard workflow state transitions',
    unit: 'state transition',
    per: 1_000,
    usd: 0.025,
    source: STEP_FUNCTIONS,
    verified: true,
    note: 'Retries count as transitions. Free tier (4,000 a month) left out.',
  },
  stepFunctionsExpressRequests: {
    ...common,
    service: 'AWS Step Functions',
    item: 'Express workflow requests',
    unit: 'request',
    per: 1_000_000,
    usd: 1.0,
    source: STEP_FUNCTIONS,
    verified: false,
    note: "The page's rate table is not in the stored copies; wring.co gives the same figure.",
  },
  stepFunctionsExpressDuration: {
    ...common,
    service: 'AWS Step Functions',
    item: 'Express workflow duration',
    unit: 'GB-second',
    per: 1,
    usd: 0.00001667,
    // 1,000 GB-hours = 3,600,000 GB-seconds; the next 4,000 GB-hours = 14,400,000 more.
    tiers: [
      { upTo: 3_600_000, usd: 0.00001667 },
      { upTo: 18_000_000, usd: 0.00000833 },
      { upTo: Infinity, usd: 0.00000456 },
    ],
    source: STEP_FUNCTIONS,
    verified: false,
    note: 'Tiers: the first 1,000 GB-hours a month, the next 4,000, then the rest; duration rounded up to 100 ms, memory in 64 MB chunks. The rate table is not in the stored copies; wring.co gives the first tier.',
  },
  auroraR6gLarge: {
    ...common,
    service: 'Amazon Aurora',
    item: 'db.r6g.large instance (Aurora Standard, MySQL- or PostgreSQL-compatible)',
    unit: 'instance-hour',
    per: 1,
    usd: 0.26,
    source: AURORA,
    verified: false,
    note: "On-demand, one instance (a writer, no replica); storage and I/O left out. The instance table is not in the stored copies; one third-party table (store-v2-khaki.vercel.app) says $0.29 for Aurora MySQL, which is db.r5.large's price as known.",
  },
  auroraServerlessV2: {
    ...common,
    service: 'Amazon Aurora',
    item: 'Serverless v2 capacity (Aurora Standard)',
    unit: 'ACU-hour',
    per: 1,
    usd: 0.12,
    source: AURORA,
    verified: false,
    note: 'Not found in a stored copy of the AWS page; factualminds.com and a third-party calculator agree ($0.12 per ACU-hour).',
  },
  ec2M5Large: {
    ...common,
    service: 'Amazon EC2',
    item: 'm5.large instance (Linux, on-demand)',
    unit: 'instance-hour',
    per: 1,
    usd: 0.096,
    source: EC2,
    verified: false,
    note: 'Not found in the stored copies; the figure known with confidence. EBS volumes and data transfer left out.',
  },
} as const satisfies Record<string, Price>;

/** The id of a price in {@link PRICES}. */
export type PriceId = keyof typeof PRICES;
