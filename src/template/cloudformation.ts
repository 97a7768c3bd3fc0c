import type { ServiceKind } from '../kit';
import {
  asList,
  bool,
  isObj,
  num,
  type Obj,
  type Resource,
  type TranslateContext,
} from './context';
import { refsIn } from './intrinsics';
import { addOpenApiRoutes } from './openapi';
import { pipeEdges, pipeNode } from './pipes';
import { addStateMachineTasks, readStateMachine } from './stateMachines';

/**
 * Plain CloudFormation resources → nodes and edges: Lambda functions, event source mappings and
 * function URLs; SQS queues (redrive, visibility, FIFO); SNS topics and subscriptions (filter
 * policy and scope, raw delivery, redrive); EventBridge buses, rules (pattern, targets, input
 * transformers, retry policy, DLQ) and schedules; Step Functions state machines; API Gateway REST
 * and HTTP APIs; DynamoDB tables and S3 buckets as stores.
 */

/** Types that only wire the others together: they become no node and lose nothing. */
export const PLUMBING =
  /^AWS::(IAM::|Logs::|Lambda::(Permission|LayerVersion|LayerVersionPermission|Version|Alias|EventInvokeConfig)$|Serverless::LayerVersion$|ApiGateway::(Deployment|Stage|Account|Method|Resource|Model|RequestValidator|GatewayResponse|DocumentationPart|DocumentationVersion|DomainName|BasePathMapping|BasePathMappingV2|DomainNameV2)$|ApiGatewayV2::(Stage|Deployment|Integration|Route|RouteResponse|IntegrationResponse|Model|DomainName|ApiMapping)$|SQS::QueuePolicy$|SQS::QueueInlinePolicy$|SNS::TopicPolicy$|SNS::TopicInlinePolicy$|S3::BucketPolicy$|SSM::Parameter$|CloudWatch::(Alarm|Dashboard|CompositeAlarm)$|KMS::|CDK::Metadata$|Serverless::Connector$|Events::Archive$|Scheduler::ScheduleGroup$|XRay::|SecretsManager::|ApplicationInsights::|ResourceGroups::|CloudFormation::(CustomResource|WaitCondition|WaitConditionHandle)$)|^Custom::/;

/**
 * Types with a model that become edges (or an entry point), not nodes: a rule's targets, a
 * subscription, a schedule, an event source mapping, a function URL, a function's invoke config.
 */
export const EDGE_TYPES = new Set([
  'AWS::Events::Rule',
  'AWS::SNS::Subscription',
  'AWS::Scheduler::Schedule',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::Url',
  'AWS::Lambda::EventInvokeConfig',
]);

/** The node a CloudFormation resource becomes, if it has a model. */
export function cfnNode(ctx: TranslateContext, r: Resource): boolean {
  const p = r.props;
  const line = r.line;
  const base = { id: r.id, type: r.type, ...(line === undefined ? {} : { line }) };
  const named = (key: string) => {
    const v = p[key];
    if (typeof v === 'string' && !v.includes('@@')) ctx.byName.set(v, r.id);
  };
  switch (r.type) {
    case 'AWS::Lambda::Function':
      named('FunctionName');
      ctx.arch.addNode({
        ...base,
        kind: 'lambda',
        label: `Lambda "${r.id}"`,
        settings: lambdaSettings(p),
      });
      return true;
    case 'AWS::SQS::Queue': {
      named('QueueName');
      const fifo = bool(p.FifoQueue) === true;
      ctx.arch.addNode({
        ...base,
        kind: 'sqs',
        label: `SQS "${r.id}"`,
        ...(fifo ? { sublabel: 'FIFO' } : {}),
        settings: {
          visibilityTimeoutS: num(p.VisibilityTimeout) ?? 30,
          retentionS: num(p.MessageRetentionPeriod) ?? 345_600,
          delayS: num(p.DelaySeconds) ?? 0,
          fifo,
        },
      });
      if (fifo)
        ctx.arch.notes.push(
          `${r.id} is a FIFO queue: it runs as a standard queue here (ordering within message groups and deduplication are not modelled).`,
        );
      return true;
    }
    case 'AWS::SNS::Topic':
      named('TopicName');
      ctx.arch.addNode({ ...base, kind: 'sns', label: `SNS topic "${r.id}"`, settings: {} });
      return true;
    case 'AWS::Events::EventBus':
      named('Name');
      ctx.arch.addNode({
        ...base,
        kind: 'eventBridge',
        label: `Event bus "${r.id}"`,
        settings: {},
      });
      return true;
    case 'AWS::StepFunctions::StateMachine':
      named('StateMachineName');
      ctx.arch.addNode({
        ...base,
        kind: 'stepFunctions',
        label: `State machine "${r.id}"`,
        settings: { workflowType: p.StateMachineType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD' },
      });
      return true;
    case 'AWS::ApiGateway::RestApi':
      named('Name');
      ctx.arch.addNode({
        ...base,
        kind: 'apiGateway',
        label: `API "${r.id}"`,
        sublabel: 'REST API',
        settings: { apiType: 'REST' },
      });
      return true;
    case 'AWS::ApiGatewayV2::Api': {
      const ws = p.ProtocolType === 'WEBSOCKET';
      ctx.arch.addNode({
        ...base,
        kind: 'apiGateway',
        label: `API "${r.id}"`,
        sublabel: ws ? 'WebSocket API' : 'HTTP API',
        settings: { apiType: 'HTTP', ...(ws ? { websocket: true } : {}) },
      });
      if (ws)
        ctx.arch.notes.push(
          `${r.id} is a WebSocket API: each message (and each $connect and $disconnect) runs as a request to its route; connections, their minutes and messages pushed back to clients are not modelled, and the cost is shown at HTTP API prices.`,
        );
      return true;
    }
    case 'AWS::DynamoDB::Table':
    case 'AWS::DynamoDB::GlobalTable': {
      named('TableName');
      const wcu =
        p.BillingMode === 'PROVISIONED' ||
        (p.BillingMode === undefined && isObj(p.ProvisionedThroughput))
          ? num(
              isObj(p.ProvisionedThroughput)
                ? p.ProvisionedThroughput.WriteCapacityUnits
                : undefined,
            )
          : undefined;
      ctx.arch.addNode({
        ...base,
        kind: 'store',
        label: `DynamoDB "${r.id}"`,
        sublabel: wcu ? `${wcu} WCU` : 'on demand',
        settings: { service: 'DynamoDB', ...(wcu ? { writeCapacityPerS: wcu } : {}) },
      });
      return true;
    }
    case 'AWS::DSQL::Cluster':
      ctx.arch.addNode({
        ...base,
        kind: 'store',
        label: `Aurora DSQL "${r.id}"`,
        sublabel: 'cluster',
        settings: { service: 'DSQL' },
      });
      return true;
    case 'AWS::QLDB::Ledger':
      named('Name');
      ctx.arch.addNode({
        ...base,
        kind: 'store',
        label: `QLDB "${r.id}"`,
        sublabel: 'ledger',
        settings: { service: 'QLDB' },
      });
      return true;
    case 'AWS::Kinesis::Stream': {
      named('Name');
      const hours = num(p.RetentionPeriodHours) ?? 24;
      ctx.arch.addNode({
        ...base,
        kind: 'sqs',
        label: `Kinesis "${r.id}"`,
        sublabel: 'stream (as a queue)',
        settings: {
          visibilityTimeoutS: 30,
          retentionS: hours * 3600,
          delayS: 0,
          stream: 'Kinesis',
        },
      });
      ctx.arch.notes.push(
        `${r.id} (Kinesis) runs as a queue: records wait until a consumer takes them and a failed batch is retried until it succeeds or expires (${hours} h), but shards, ordering and one batch per shard at a time are not modelled.`,
      );
      return true;
    }
    case 'AWS::S3::Bucket':
      named('BucketName');
      ctx.arch.addNode({
        ...base,
        kind: 'store',
        label: `S3 "${r.id}"`,
        sublabel: 'bucket',
        settings: { service: 'S3' },
      });
      return true;
    case 'AWS::Pipes::Pipe':
      pipeNode(ctx, r);
      return true;
    default:
      return false;
  }
}

/** The Lambda settings a function's properties fix (CloudFormation's and SAM's names agree). */
export function lambdaSettings(p: Obj): Record<string, unknown> {
  const provisioned = isObj(p.ProvisionedConcurrencyConfig)
    ? num(p.ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions)
    : undefined;
  const invoke = isObj(p.EventInvokeConfig) ? p.EventInvokeConfig : {};
  const arch = asList(p.Architectures)[0];
  return {
    timeoutS: num(p.Timeout) ?? 3,
    memoryMb: num(p.MemorySize) ?? 128,
    ...(num(p.ReservedConcurrentExecutions) !== undefined
      ? { reservedConcurrency: num(p.ReservedConcurrentExecutions) }
      : {}),
    ...(provisioned !== undefined ? { provisionedConcurrency: provisioned } : {}),
    ...(num(invoke.MaximumRetryAttempts) !== undefined
      ? { maximumRetryAttempts: num(invoke.MaximumRetryAttempts) }
      : {}),
    ...(num(invoke.MaximumEventAgeInSeconds) !== undefined
      ? { maximumEventAgeS: num(invoke.MaximumEventAgeInSeconds) }
      : {}),
    ...(arch === 'arm64' ? { architecture: 'arm64' } : {}),
    runtime: typeof p.Runtime === 'string' ? p.Runtime : undefined,
  };
}

/** The edges a CloudFormation resource states. */
export function cfnEdges(ctx: TranslateContext, r: Resource): boolean {
  const p = r.props;
  const arch = ctx.arch;
  switch (r.type) {
    case 'AWS::SQS::Queue': {
      const redrive = isObj(p.RedrivePolicy) ? p.RedrivePolicy : parseJson(p.RedrivePolicy);
      if (isObj(redrive)) {
        const dlq = ctx.target(redrive.deadLetterTargetArn, ['sqs']);
        const node = ctx.node(r.id);
        if (dlq && node) {
          node.settings.maxReceiveCount = num(redrive.maxReceiveCount) ?? 10;
          const target = ctx.node(dlq);
          if (target) target.role = 'deadLetterQueue';
          arch.addEdge({
            source: r.id,
            target: dlq,
            kind: 'redrive',
            label: `after ${node.settings.maxReceiveCount} receives`,
          });
        } else if (redrive.deadLetterTargetArn !== undefined)
          arch.skip(r.id, r.type, 'its dead-letter queue is not in the template', r.line);
      }
      return true;
    }
    case 'AWS::SNS::Topic':
      for (const s of asList(p.Subscription))
        if (isObj(s)) subscribe(ctx, r.id, `${r.id}Subscription`, s.Protocol, s.Endpoint, {}, r);
      return true;
    case 'AWS::SNS::Subscription': {
      const topic = ctx.target(p.TopicArn, ['sns']);
      if (!topic) {
        arch.skip(r.id, r.type, 'its topic is not in the template', r.line);
        return true;
      }
      subscribe(ctx, topic, r.id, p.Protocol, p.Endpoint, p, r);
      return true;
    }
    case 'AWS::Lambda::EventSourceMapping': {
      const fn = ctx.target(p.FunctionName, ['lambda']);
      const queue = ctx.target(p.EventSourceArn, ['sqs']) ?? streamSource(ctx, p.EventSourceArn);
      if (!fn || !queue) {
        arch.skip(r.id, r.type, eventSourceWhy(ctx, p.EventSourceArn), r.line);
        return true;
      }
      if (bool(p.Enabled) === false) {
        arch.notes.push(`${r.id} is disabled in the template: the queue is not polled.`);
        return true;
      }
      addPoll(ctx, queue, fn, p, r.id);
      return true;
    }
    case 'AWS::Lambda::Url': {
      const fn = ctx.target(p.TargetFunctionArn, ['lambda']);
      if (!fn) {
        arch.skip(r.id, r.type, 'its function is not in the template', r.line);
        return true;
      }
      const client = arch.addNode({
        id: `${r.id}Clients`,
        type: 'Client',
        kind: 'user',
        label: 'Clients',
        sublabel: 'function URL',
        settings: { ratePerS: 5 },
      });
      arch.addEdge({ source: client.id, target: fn, kind: 'sync', label: 'HTTPS' });
      return true;
    }
    case 'AWS::Lambda::EventInvokeConfig': {
      const fn = ctx.target(p.FunctionName, ['lambda']);
      const node = fn ? ctx.node(fn) : undefined;
      if (!node) return true;
      if (num(p.MaximumRetryAttempts) !== undefined)
        node.settings.maximumRetryAttempts = num(p.MaximumRetryAttempts);
      if (num(p.MaximumEventAgeInSeconds) !== undefined)
        node.settings.maximumEventAgeS = num(p.MaximumEventAgeInSeconds);
      addDestinations(ctx, node.id, p.DestinationConfig);
      return true;
    }
    case 'AWS::Events::Rule':
      eventRule(ctx, r.id, r.type, p, r.line);
      return true;
    case 'AWS::Scheduler::Schedule': {
      const t = isObj(p.Target) ? p.Target : {};
      schedule(ctx, r.id, r.type, p.ScheduleExpression, t.Arn, p.State !== 'DISABLED', r.line);
      return true;
    }
    case 'AWS::StepFunctions::StateMachine': {
      const definition = readStateMachine(
        ctx,
        r,
        p.Definition ?? p.DefinitionString,
        p.DefinitionSubstitutions,
      );
      if (definition) addStateMachineTasks(ctx, r.id, definition);
      return true;
    }
    case 'AWS::ApiGateway::RestApi':
    case 'AWS::ApiGatewayV2::Api': {
      if (isObj(p.Body)) addOpenApiRoutes(ctx, r.id, p.Body);
      if (p.Target !== undefined) {
        const fn = ctx.target(p.Target, ['lambda']);
        if (fn)
          arch.addEdge({
            source: r.id,
            target: fn,
            kind: 'sync',
            label: 'ANY /',
            route: { method: 'ANY', path: '/' },
          });
      }
      if (p.BodyS3Location !== undefined)
        arch.skip(
          r.id,
          r.type,
          'its OpenAPI definition is in S3 (BodyS3Location), not in the template',
          r.line,
        );
      return true;
    }
    case 'AWS::ApiGateway::Method':
      restMethod(ctx, r);
      return true;
    case 'AWS::ApiGateway::Authorizer':
    case 'AWS::ApiGatewayV2::Authorizer': {
      // Not simulated (listed as such); its function gets no traffic of its own.
      const fn = ctx.target(p.AuthorizerUri, ['lambda']);
      const node = fn ? ctx.node(fn) : undefined;
      if (node) node.settings.authorizer = true;
      return true;
    }
    case 'AWS::ApiGatewayV2::Route':
      httpRoute(ctx, r);
      return true;
    case 'AWS::S3::Bucket': {
      const n = isObj(p.NotificationConfiguration) ? p.NotificationConfiguration : {};
      const keys: [string, string, ServiceKind][] = [
        ['LambdaConfigurations', 'Function', 'lambda'],
        ['QueueConfigurations', 'Queue', 'sqs'],
        ['TopicConfigurations', 'Topic', 'sns'],
      ];
      for (const [key, field, kind] of keys)
        for (const c of asList(n[key]).filter(isObj)) {
          const target = ctx.target(c[field], [kind]);
          if (target) notification(ctx, r.id, target, c.Filter);
          else
            arch.skip(
              `${r.id}.${key}`,
              'S3 event notification',
              'the notification goes to something outside the template',
              r.line,
            );
        }
      if (
        isObj(n.EventBridgeConfiguration) &&
        bool(n.EventBridgeConfiguration.EventBridgeEnabled) !== false
      ) {
        const bus = eventBus(ctx, undefined);
        if (bus) notification(ctx, r.id, bus, undefined);
      }
      return true;
    }
    case 'AWS::Pipes::Pipe':
      pipeEdges(ctx, r);
      return true;
    case 'AWS::DynamoDB::Table': {
      const k = isObj(p.KinesisStreamSpecification) ? p.KinesisStreamSpecification : undefined;
      const stream = k ? ctx.target(k.StreamArn, ['sqs']) : undefined;
      if (stream && !arch.hasEdge(r.id, stream))
        arch.addEdge({ source: r.id, target: stream, kind: 'async', label: 'change records' });
      return true;
    }
    default:
      return false;
  }
}

function parseJson(v: unknown): unknown {
  if (typeof v !== 'string') return undefined;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return undefined;
  }
}

/** Why an event source cannot be simulated, in words. */
export function eventSourceWhy(ctx: TranslateContext, arn: unknown): string {
  const id = refsIn(arn)[0];
  const type = id ? ctx.resources.get(id)?.type : undefined;
  const text = typeof arn === 'string' ? arn : JSON.stringify(arn);
  if (type === 'AWS::Kinesis::Stream' || text.includes(':kinesis:'))
    return 'a Kinesis stream as event source is not simulated';
  if (type === 'AWS::DynamoDB::Table' || text.includes(':dynamodb:'))
    return 'a DynamoDB stream as event source is not simulated';
  if (
    text.includes(':kafka:') ||
    text.includes(':mq:') ||
    type?.includes('MSK') ||
    type?.includes('AmazonMQ')
  )
    return 'Kafka and Amazon MQ event sources are not simulated';
  return 'its event source is not a queue of the template';
}

/** A `poll` edge: the event source mapping's settings from an ESM or a SAM SQS event. */
export function addPoll(
  ctx: TranslateContext,
  queue: string,
  fn: string,
  p: Obj,
  name: string,
): void {
  const scaling = isObj(p.ScalingConfig) ? p.ScalingConfig : {};
  const types = asList(p.FunctionResponseTypes);
  const source = ctx.node(queue);
  const stream = source?.settings.stream !== undefined;
  // A failed stream batch comes back once the function has given up on it.
  const fnTimeout = num(ctx.node(fn)?.settings.timeoutS);
  if (stream && source && fnTimeout !== undefined) source.settings.visibilityTimeoutS = fnTimeout;
  const settings: Record<string, unknown> = {
    batchSize: num(p.BatchSize) ?? (stream ? 100 : 10),
    batchWindowS: num(p.MaximumBatchingWindowInSeconds) ?? 0,
    reportBatchItemFailures: types.includes('ReportBatchItemFailures'),
  };
  const max = num(scaling.MaximumConcurrency);
  if (max !== undefined) settings.maxConcurrency = max;
  ctx.arch.addEdge({
    id: `${name}Poll`,
    source: queue,
    target: fn,
    kind: 'poll',
    label: `batch ${String(settings.batchSize)}`,
    settings,
  });
  if (p.FilterCriteria !== undefined)
    ctx.arch.notes.push(
      `${name}: the event source mapping's FilterCriteria is not applied (every message reaches the function).`,
    );
}

/** The kinds a rule, schedule or destination can deliver to, and the edge kind. */
const DELIVERABLE: readonly ServiceKind[] = [
  'lambda',
  'sqs',
  'sns',
  'eventBridge',
  'stepFunctions',
];

/** An SNS subscription: an edge to a function or queue, or to an endpoint node for the others. */
function subscribe(
  ctx: TranslateContext,
  topic: string,
  id: string,
  protocolValue: unknown,
  endpoint: unknown,
  p: Obj,
  r: Resource,
): void {
  const protocol = String(protocolValue ?? '').toLowerCase();
  let target: string | undefined;
  if (protocol === 'lambda' || protocol === 'sqs')
    target = ctx.target(endpoint, [protocol as ServiceKind]);
  else if (['email', 'email-json', 'http', 'https', 'sms'].includes(protocol)) {
    const node = ctx.arch.addNode({
      id: `${id}Endpoint`,
      type: `SNS ${protocol} endpoint`,
      kind: 'email',
      label: protocol.startsWith('email') ? 'Email' : protocol === 'sms' ? 'SMS' : 'HTTPS endpoint',
      sublabel:
        typeof endpoint === 'string' && !endpoint.includes('@@') ? endpoint.slice(0, 32) : protocol,
      settings: {},
    });
    target = node.id;
  }
  if (!target) {
    ctx.arch.skip(
      id,
      r.type,
      `a ${protocol || 'subscription'} subscription to something outside the template or without a model`,
      r.line,
    );
    return;
  }
  const filter = isObj(p.FilterPolicy) ? p.FilterPolicy : parseJson(p.FilterPolicy);
  const settings: Record<string, unknown> = {
    protocol: protocol === 'email-json' ? 'email' : protocol,
  };
  if (p.FilterPolicyScope === 'MessageBody') settings.filterPolicyScope = 'MessageBody';
  if (bool(p.RawMessageDelivery) === true) settings.rawMessageDelivery = true;
  const edge = ctx.arch.addEdge({
    id: `${id}Sub`,
    source: topic,
    target,
    kind: 'subscription',
    label: isObj(filter) ? 'filtered subscription' : `${protocol} subscription`,
    settings,
    ...(isObj(filter) ? { filterPolicy: filter } : {}),
  });
  const redrive = isObj(p.RedrivePolicy) ? p.RedrivePolicy : parseJson(p.RedrivePolicy);
  const dlq = isObj(redrive) ? ctx.target(redrive.deadLetterTargetArn, ['sqs']) : undefined;
  if (dlq) {
    const n = ctx.node(dlq);
    if (n) n.role = 'deadLetterQueue';
    ctx.arch.addEdge({
      source: topic,
      target: dlq,
      kind: 'redrive',
      label: 'undeliverable',
      settings: { subscription: edge.id },
    });
  }
}

/** An on-failure destination for asynchronous invocations (OnSuccess is noted, not drawn). */
export function addDestinations(ctx: TranslateContext, fn: string, config: unknown): void {
  if (!isObj(config)) return;
  const failure = isObj(config.OnFailure) ? config.OnFailure.Destination : undefined;
  const target = ctx.target(failure, ['sqs', 'sns', 'eventBridge', 'lambda']);
  if (target)
    ctx.arch.addEdge({
      source: fn,
      target,
      kind: 'async',
      label: 'on failure',
      settings: { destination: 'onFailure' },
    });
  if (isObj(config.OnSuccess))
    ctx.arch.notes.push(`${fn}: the on-success destination is not simulated.`);
}

/** An EventBridge rule: rule edges from its bus to each target, or a schedule. */
export function eventRule(
  ctx: TranslateContext,
  id: string,
  type: string,
  p: Obj,
  line: number | undefined,
): void {
  if (p.State === 'DISABLED') {
    ctx.arch.notes.push(`${id} is disabled in the template: it delivers nothing.`);
    return;
  }
  const targets = asList(p.Targets).filter(isObj);
  if (p.ScheduleExpression !== undefined) {
    for (const t of targets)
      schedule(
        ctx,
        `${id}${String(t.Id ?? '')}`.replace(/[^A-Za-z0-9]/g, ''),
        type,
        p.ScheduleExpression,
        t.Arn,
        true,
        line,
      );
    return;
  }
  const pattern = isObj(p.EventPattern) ? p.EventPattern : parseJson(p.EventPattern);
  const bus = eventBus(ctx, p.EventBusName);
  if (!bus) {
    ctx.arch.skip(id, type, 'its event bus is not in the template', line);
    return;
  }
  for (const t of targets) {
    const target = ctx.target(t.Arn, DELIVERABLE) ?? logGroup(ctx, t.Arn);
    if (!target) {
      ctx.arch.skip(
        `${id}.${String(t.Id ?? 'target')}`,
        type,
        'a rule target outside the template or without a model (API destination, Kinesis, ECS, logs...)',
        line,
      );
      continue;
    }
    addRuleTarget(ctx, bus, target, id, t, isObj(pattern) ? pattern : undefined);
  }
}

/** One rule target as a `rule` edge (with its retry policy, DLQ and input transformer). */
export function addRuleTarget(
  ctx: TranslateContext,
  bus: string,
  target: string,
  rule: string,
  t: Obj,
  pattern: Obj | undefined,
): void {
  const retry = isObj(t.RetryPolicy) ? t.RetryPolicy : {};
  const settings: Record<string, unknown> = { rule };
  if (num(retry.MaximumRetryAttempts) !== undefined)
    settings.maximumRetryAttempts = num(retry.MaximumRetryAttempts);
  if (num(retry.MaximumEventAgeInSeconds) !== undefined)
    settings.maximumEventAgeS = num(retry.MaximumEventAgeInSeconds);
  const transformer = isObj(t.InputTransformer) ? t.InputTransformer : undefined;
  if (transformer) {
    const paths = isObj(transformer.InputPathsMap) ? transformer.InputPathsMap : {};
    settings.inputTransformer = {
      InputPathsMap: paths,
      InputTemplate: String(transformer.InputTemplate ?? ''),
    };
  }
  if (t.Input !== undefined || t.InputPath !== undefined)
    ctx.arch.notes.push(
      `${rule}: the target's Input/InputPath is not applied (the event is delivered as it is).`,
    );
  const edge = ctx.arch.addEdge({
    id: `${rule}To${target}`,
    source: bus,
    target,
    kind: 'rule',
    label: rule,
    settings,
    eventPattern: pattern ?? { source: [{ prefix: '' }] },
  });
  const dlqArn = isObj(t.DeadLetterConfig) ? t.DeadLetterConfig.Arn : undefined;
  const dlq = ctx.target(dlqArn, ['sqs']);
  if (dlq) {
    const n = ctx.node(dlq);
    if (n) n.role = 'deadLetterQueue';
    ctx.arch.addEdge({
      source: bus,
      target: dlq,
      kind: 'redrive',
      label: 'undeliverable',
      settings: { target: edge.id },
    });
  }
}

/** The bus a rule is on: a bus of the template, or the account's default bus (made on demand). */
export function eventBus(ctx: TranslateContext, name: unknown): string | undefined {
  if (
    name === undefined ||
    name === 'default' ||
    (typeof name === 'string' && name.endsWith('event-bus/default'))
  ) {
    ctx.arch.addNode({
      id: 'DefaultEventBus',
      type: 'AWS::Events::EventBus',
      kind: 'eventBridge',
      label: 'Event bus "default"',
      settings: {},
    });
    return 'DefaultEventBus';
  }
  return ctx.target(name, ['eventBridge']);
}

/**
 * A schedule (EventBridge rule or Scheduler): an entry node sending at the schedule's rate to the
 * target, asynchronously as EventBridge invokes.
 */
export function schedule(
  ctx: TranslateContext,
  id: string,
  type: string,
  expression: unknown,
  targetArn: unknown,
  enabled: boolean,
  line: number | undefined,
): void {
  const target = ctx.target(targetArn, DELIVERABLE);
  if (!target) {
    ctx.arch.skip(
      id,
      type,
      'the schedule targets something outside the template or without a model',
      line,
    );
    return;
  }
  if (!enabled) {
    ctx.arch.notes.push(`${id} is disabled in the template: it starts nothing.`);
    return;
  }
  const { perS, text } = scheduleRate(String(expression ?? ''));
  const node = ctx.arch.addNode({
    id: `${id}Schedule`.replace(/ScheduleSchedule$/, 'Schedule'),
    type,
    kind: 'user',
    label: `Schedule "${id}"`,
    sublabel: text,
    settings: { ratePerS: perS, schedule: true },
    ...(line === undefined ? {} : { line }),
  });
  ctx.arch.addEdge({ source: node.id, target, kind: 'async', label: 'scheduled' });
}

/**
 * How often a schedule fires, per second: `rate(5 minutes)` exactly; a cron expression by how
 * many minutes and hours of the day it names (days of the month or week are taken as every day);
 * `at(...)` once, shown as once a day.
 */
export function scheduleRate(expression: string): { perS: number; text: string } {
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/i.exec(
    expression.trim(),
  );
  if (rate) {
    const n = Number(rate[1]);
    const unit = (rate[2] ?? '').toLowerCase();
    const s = unit.startsWith('minute') ? 60 : unit.startsWith('hour') ? 3600 : 86_400;
    return { perS: 1 / (n * s), text: expression };
  }
  const cron = /^cron\((.*)\)$/i.exec(expression.trim());
  if (cron) {
    const fields = (cron[1] ?? '').trim().split(/\s+/);
    const count = (f: string | undefined, size: number): number => {
      if (!f || f === '*' || f === '?') return size;
      let total = 0;
      for (const part of f.split(',')) {
        const step = /^(\*|\d+(?:-\d+)?)\/(\d+)$/.exec(part);
        if (step) {
          const [from, to] =
            step[1] === '*' ? [0, size - 1] : (step[1] ?? '0').split('-').map(Number);
          total += Math.floor(((to ?? size - 1) - (from ?? 0)) / Number(step[2])) + 1;
        } else if (/^\d+-\d+$/.test(part)) {
          const [a, b] = part.split('-').map(Number);
          total += (b ?? 0) - (a ?? 0) + 1;
        } else total += 1;
      }
      return total;
    };
    const perDay = count(fields[0], 60) * count(fields[1], 24);
    return { perS: perDay / 86_400, text: expression };
  }
  return { perS: 1 / 86_400, text: expression || 'schedule' };
}

/** Path of an AWS::ApiGateway::Resource chain. */
function resourcePath(ctx: TranslateContext, value: unknown, depth = 0): string {
  const id = refsIn(value)[0];
  const res = id ? ctx.resources.get(id) : undefined;
  if (!res || res.type !== 'AWS::ApiGateway::Resource' || depth > 20) return '';
  return `${resourcePath(ctx, res.props.ParentId, depth + 1)}/${String(res.props.PathPart ?? '')}`;
}

/** An AWS::ApiGateway::Method: a route of its REST API to what its integration calls. */
function restMethod(ctx: TranslateContext, r: Resource): void {
  const p = r.props;
  const api = ctx.target(p.RestApiId, ['apiGateway']);
  if (!api) return;
  const method = String(p.HttpMethod ?? 'ANY').toUpperCase();
  if (method === 'OPTIONS') return; // CORS preflight: answered by API Gateway itself
  const path = resourcePath(ctx, p.ResourceId) || '/';
  const integration = isObj(p.Integration) ? p.Integration : {};
  integrationRoute(ctx, api, r, method, path, integration.Type, integration);
}

/** An AWS::ApiGatewayV2::Route: a route of its HTTP API to its integration's target. */
function httpRoute(ctx: TranslateContext, r: Resource): void {
  const p = r.props;
  const api = ctx.target(p.ApiId, ['apiGateway']);
  if (!api) return;
  const key = String(p.RouteKey ?? '$default');
  const [method, path] =
    ctx.node(api)?.settings.websocket === true ? ['MESSAGE', key] : routeKey(key);
  const integrationId = refsIn(p.Target)[0];
  const integration = integrationId ? ctx.resources.get(integrationId)?.props : undefined;
  if (!integration) {
    ctx.arch.skip(r.id, r.type, 'a route without an integration in the template', r.line);
    return;
  }
  integrationRoute(ctx, api, r, method, path, integration.IntegrationType, integration);
}

/** `POST /orders` → ['POST', '/orders']; `$default` → ['ANY', '/']. */
export function routeKey(key: string): [string, string] {
  if (key === '$default') return ['ANY', '/'];
  const [m, ...rest] = key.trim().split(/\s+/);
  return [(m ?? 'ANY').toUpperCase(), rest.join(' ') || '/'];
}

/**
 * Adds the route of one integration: a Lambda proxy is a sync edge; an AWS service integration
 * that hands the request to a queue, topic, bus or state machine an async edge with the route; a
 * write to DynamoDB or S3 a sync edge to the store. MOCK and HTTP integrations are listed.
 */
export function integrationRoute(
  ctx: TranslateContext,
  api: string,
  r: { id: string; type: string; line?: number | undefined },
  method: string,
  path: string,
  typeValue: unknown,
  integration: Obj,
): void {
  const type = String(typeValue ?? '').toUpperCase();
  if (type === 'MOCK') {
    ctx.arch.skip(
      `${r.id}`,
      r.type,
      `${method} ${path} is a MOCK integration (API Gateway answers it itself)`,
      r.line,
    );
    return;
  }
  if (type === 'HTTP' || type === 'HTTP_PROXY') {
    ctx.arch.skip(
      `${r.id}`,
      r.type,
      `${method} ${path} calls an HTTP endpoint outside the template`,
      r.line,
    );
    return;
  }
  const where = {
    uri: integration.Uri ?? integration.uri ?? integration.IntegrationUri,
    rest: [
      integration.RequestParameters,
      integration.RequestTemplates,
      integration.requestParameters,
      integration.requestTemplates,
    ],
  };
  const target =
    ctx.target(where.uri, ['lambda', 'sqs', 'sns', 'eventBridge', 'stepFunctions', 'store']) ??
    ctx.target(where.rest, ['sqs', 'sns', 'eventBridge', 'stepFunctions', 'store']);
  const subtype = String(integration.IntegrationSubtype ?? integration.integrationSubtype ?? '');
  const resolved =
    target ?? (subtype.startsWith('EventBridge-') ? eventBus(ctx, undefined) : undefined);
  if (!resolved) {
    ctx.arch.skip(
      `${r.id}`,
      r.type,
      `${method} ${path} integrates with something outside the template or without a model`,
      r.line,
    );
    return;
  }
  // A synchronous start answers with the execution's result: the caller waits for the workflow.
  const syncStart =
    subtype.endsWith('StartSyncExecution') ||
    (typeof where.uri === 'string' && /:states:action\/StartSyncExecution$/.test(where.uri));
  addRoute(ctx, api, resolved, method, path, syncStart);
}

function addRoute(
  ctx: TranslateContext,
  api: string,
  target: string,
  method: string,
  path: string,
  syncStart: boolean,
): void {
  const kind = ctx.node(target)?.kind;
  const handsOff =
    kind === 'sqs' ||
    kind === 'sns' ||
    kind === 'eventBridge' ||
    (kind === 'stepFunctions' && !syncStart);
  ctx.arch.addEdge({
    id: `${api}${method}${path}`.replace(/[^A-Za-z0-9]/g, '') || `${api}Route`,
    source: api,
    target,
    kind: handsOff ? 'async' : 'sync',
    label: `${method} ${path}`,
    route: { method, path },
  });
}

/**
 * An S3 event notification (or the bucket's events to EventBridge): what is written to the
 * bucket is handed on asynchronously. Event-type and key filters are not applied.
 */
export function notification(
  ctx: TranslateContext,
  bucket: string,
  target: string,
  filter: unknown,
): void {
  if (ctx.arch.hasEdge(bucket, target)) return;
  ctx.arch.addEdge({ source: bucket, target, kind: 'async', label: 'object created' });
  if (filter !== undefined)
    ctx.arch.notes.push(
      `${bucket}: the notification's key filter is not applied (every write notifies ${target}).`,
    );
}

/**
 * The queue-like node a stream event source reads: a Kinesis stream of the template, or a
 * DynamoDB table's stream (made on first use, fed by the table's writes). Undefined otherwise.
 */
export function streamSource(ctx: TranslateContext, arn: unknown): string | undefined {
  const kinesis = ctx.target(arn, ['sqs']);
  if (kinesis && ctx.node(kinesis)?.settings.stream === 'Kinesis') return kinesis;
  const table = refsIn(arn).find((id) =>
    /DynamoDB::(Global)?Table|SimpleTable/.test(ctx.resources.get(id)?.type ?? ''),
  );
  if (!table || !ctx.node(table)) return undefined;
  const id = `${table}Stream`;
  if (!ctx.node(id)) {
    ctx.arch.addNode({
      id,
      type: 'AWS::DynamoDB::Stream',
      kind: 'sqs',
      label: `DynamoDB stream "${table}"`,
      sublabel: 'stream (as a queue)',
      settings: { visibilityTimeoutS: 30, retentionS: 86_400, delayS: 0, stream: 'DynamoDB' },
    });
    ctx.arch.addEdge({ source: table, target: id, kind: 'async', label: 'stream records' });
    ctx.arch.notes.push(
      `${table}'s stream runs as a queue: each write becomes a record a consumer polls in batches, and a failed batch is retried until it succeeds or expires (24 h), but shards and ordering are not modelled.`,
    );
  }
  return id;
}

/** A CloudWatch Logs log group a rule or pipe writes to, as a store (made on first use). */
export function logGroup(ctx: TranslateContext, arn: unknown): string | undefined {
  const id = refsIn(arn).find((i) => ctx.resources.get(i)?.type === 'AWS::Logs::LogGroup');
  if (!id) return undefined;
  ctx.arch.addNode({
    id,
    type: 'AWS::Logs::LogGroup',
    kind: 'store',
    label: `Log group "${id}"`,
    sublabel: 'CloudWatch Logs',
    settings: { service: 'CloudWatch Logs' },
  });
  return id;
}
