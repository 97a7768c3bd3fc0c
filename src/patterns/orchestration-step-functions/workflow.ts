/**
 * The seed's order workflow as Amazon States Language (JSONPath): Start → OrderService → a
 * Parallel state with two branches, [InventoryService] and [InvoiceService → LogisticService] →
 * CustomerNotificationService → End. The diagram's second arrow, from OrderService straight to
 * CustomerNotificationService, is OrderService's Catch: an order that cannot be placed skips
 * fulfilment, and the customer is told. The Parallel has the same Catch, so a failed fulfilment
 * (after its services' retries) is told too; the execution then ends FAILED ("OrderFailed"), so
 * that failed orders show up as failed executions.
 */

import type { StateDefinition, StateMachineDefinition } from '../../aws/stepFunctions';

/** The account and Region the functions' ARNs name. */
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:';

/** The five services, by state name (each is a Lambda function of the same name). */
export const SERVICES = [
  'OrderService',
  'InventoryService',
  'InvoiceService',
  'LogisticService',
  'CustomerNotificationService',
] as const;

export type ServiceName = (typeof SERVICES)[number];

/** A function's ARN, as the Task's FunctionName and the edge's `resource` give it. */
export function functionArn(service: ServiceName): string {
  return ARN + service;
}

/**
 * What each function returns (a payload template over its input: `key.$` reads a path of it, or
 * of the Context Object with `$$`).
 */
export const SERVICE_OUTPUTS: Record<ServiceName, Record<string, string>> = {
  OrderService: { 'orderId.$': '$$.Execution.Name', status: 'PLACED' },
  InventoryService: { 'reservation.$': "States.Format('res-{}', $.order.orderId)" },
  InvoiceService: {
    'invoiceId.$': "States.Format('inv-{}', $.order.orderId)",
    'amount.$': '$.total',
  },
  LogisticService: { 'trackingId.$': "States.Format('trk-{}', $.order.orderId)" },
  CustomerNotificationService: { 'to.$': '$.customer', channel: 'email' },
};

/**
 * The retries a Lambda task built in the Step Functions console gets (transient Lambda errors and
 * throttles: back off with jitter), plus a couple of retries of the function's own failures.
 */
const RETRY: NonNullable<StateDefinition['Retry']> = [
  {
    ErrorEquals: [
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'Lambda.TooManyRequestsException',
    ],
    IntervalSeconds: 1,
    MaxAttempts: 3,
    BackoffRate: 2,
    JitterStrategy: 'FULL',
  },
  { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 },
];

/** What a failed order carries on to the notification: the error, under `$.error`. */
const CATCH_TO_NOTIFICATION = [
  { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'CustomerNotificationService' },
];

/**
 * A Task invoking one service through the optimized Lambda integration: the whole state goes in
 * as the payload; ResultSelector keeps what the function returned (not the SDK's metadata) and
 * ResultPath puts it beside the input.
 */
function task(
  service: ServiceName,
  resultPath: string,
  rest: Partial<StateDefinition>,
): StateDefinition {
  const selector: Record<string, string> = {};
  for (const key of Object.keys(SERVICE_OUTPUTS[service])) {
    const name = key.endsWith('.$') ? key.slice(0, -2) : key;
    selector[`${name}.$`] = `$.Payload.${name}`;
  }
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: functionArn(service), 'Payload.$': '$' },
    ResultSelector: selector,
    ResultPath: resultPath,
    Retry: RETRY,
    ...rest,
  };
}

/** The state machine definition (ASL). */
export const ORDER_WORKFLOW: StateMachineDefinition = {
  Comment:
    'Orders: place the order; reserve stock while invoicing and shipping; tell the customer. A failed order goes straight to the notification.',
  StartAt: 'OrderService',
  States: {
    OrderService: task('OrderService', '$.order', {
      Catch: CATCH_TO_NOTIFICATION,
      Next: 'Fulfilment',
    }),
    Fulfilment: {
      Type: 'Parallel',
      Comment: 'Stock is reserved while the invoice is made and the parcel shipped.',
      Branches: [
        {
          StartAt: 'InventoryService',
          States: {
            InventoryService: task('InventoryService', '$.inventory', {
              OutputPath: '$.inventory',
              End: true,
            }),
          },
        },
        {
          StartAt: 'InvoiceService',
          States: {
            InvoiceService: task('InvoiceService', '$.invoice', { Next: 'LogisticService' }),
            LogisticService: task('LogisticService', '$.shipment', { End: true }),
          },
        },
      ],
      ResultSelector: {
        'inventory.$': '$[0]',
        'invoice.$': '$[1].invoice',
        'shipment.$': '$[1].shipment',
      },
      ResultPath: '$.fulfilment',
      Catch: CATCH_TO_NOTIFICATION,
      Next: 'CustomerNotificationService',
    },
    CustomerNotificationService: task('CustomerNotificationService', '$.notification', {
      Next: 'Order placed?',
    }),
    'Order placed?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.error', IsPresent: true, Next: 'Order failed' }],
      Default: 'Order placed',
    },
    'Order failed': {
      Type: 'Fail',
      Error: 'OrderFailed',
      Cause: 'The order could not be placed or fulfilled; the customer was told.',
    },
    'Order placed': { Type: 'Succeed' },
  },
};
