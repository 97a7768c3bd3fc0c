import {
  addDestinations,
  addPoll,
  addRuleTarget,
  eventBus,
  eventSourceWhy,
  lambdaSettings,
  notification,
  streamSource,
  routeKey,
  schedule,
} from './cloudformation';
import {
  asList,
  bool,
  isObj,
  num,
  type Obj,
  type Resource,
  type TranslateContext,
} from './context';
import { addOpenApiRoutes, openApiBody } from './openapi';
import { addStateMachineTasks, readStateMachine } from './stateMachines';

/**
 * AWS SAM: `Globals`, and the serverless resource types with the resources SAM's translator makes
 * for them: the implicit `ServerlessRestApi` and `ServerlessHttpApi` for Api and HttpApi events,
 * one rule per EventBridgeRule, CloudWatchEvent and Schedule event, a queue per SNS event with
 * `SqsSubscription`, an event source mapping per SQS event.
 */

/** The properties of `Globals` merged into each resource of that kind, as SAM does. */
export function applyGlobals(template: Obj): void {
  const globals = isObj(template.Globals) ? template.Globals : {};
  const resources = isObj(template.Resources) ? template.Resources : {};
  const sections: Record<string, string> = {
    Function: 'AWS::Serverless::Function',
    Api: 'AWS::Serverless::Api',
    HttpApi: 'AWS::Serverless::HttpApi',
    SimpleTable: 'AWS::Serverless::SimpleTable',
    StateMachine: 'AWS::Serverless::StateMachine',
  };
  for (const [section, type] of Object.entries(sections)) {
    const g = globals[section];
    if (!isObj(g)) continue;
    for (const r of Object.values(resources)) {
      if (!isObj(r) || r.Type !== type) continue;
      r.Properties = merge(g, isObj(r.Properties) ? r.Properties : {});
    }
  }
}

/** SAM's merge: maps merge key by key, lists add up, a resource's own scalar wins. */
function merge(global: Obj, own: Obj): Obj {
  const out: Obj = { ...global };
  for (const [k, v] of Object.entries(own)) {
    const g = out[k];
    if (isObj(g) && isObj(v) && !isIntrinsic(v)) out[k] = merge(g, v);
    else if (Array.isArray(g) && Array.isArray(v)) out[k] = [...g, ...v];
    else out[k] = v;
  }
  return out;
}

const isIntrinsic = (v: Obj) => {
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || (keys[0] ?? '').startsWith('Fn::'));
};

/** The node of a SAM resource, if it has a model. */
export function samNode(ctx: TranslateContext, r: Resource): boolean {
  const p = r.props;
  const base = { id: r.id, type: r.type, ...(r.line === undefined ? {} : { line: r.line }) };
  switch (r.type) {
    case 'AWS::Serverless::Function':
      if (typeof p.FunctionName === 'string') ctx.byName.set(p.FunctionName, r.id);
      ctx.arch.addNode({
        ...base,
        kind: 'lambda',
        label: `Lambda "${r.id}"`,
        settings: lambdaSettings(p),
      });
      return true;
    case 'AWS::Serverless::Api':
      ctx.arch.addNode({
        ...base,
        kind: 'apiGateway',
        label: `API "${r.id}"`,
        sublabel: 'REST API',
        settings: { apiType: 'REST', ...stageThrottle(p.MethodSettings) },
      });
      return true;
    case 'AWS::Serverless::HttpApi':
      ctx.arch.addNode({
        ...base,
        kind: 'apiGateway',
        label: `API "${r.id}"`,
        sublabel: 'HTTP API',
        settings: { apiType: 'HTTP', ...stageThrottle(p.DefaultRouteSettings) },
      });
      return true;
    case 'AWS::Serverless::StateMachine':
      if (typeof p.Name === 'string') ctx.byName.set(p.Name, r.id);
      ctx.arch.addNode({
        ...base,
        kind: 'stepFunctions',
        label: `State machine "${r.id}"`,
        settings: { workflowType: p.Type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD' },
      });
      return true;
    case 'AWS::Serverless::SimpleTable': {
      if (typeof p.TableName === 'string') ctx.byName.set(p.TableName, r.id);
      const wcu = isObj(p.ProvisionedThroughput)
        ? num(p.ProvisionedThroughput.WriteCapacityUnits)
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
    default:
      return false;
  }
}

/** A stage's throttling (MethodSettings of a REST API, DefaultRouteSettings of an HTTP API). */
function stageThrottle(value: unknown): Record<string, number> {
  const s = asList(value).find(isObj) ?? (isObj(value) ? value : undefined);
  if (!isObj(s)) return {};
  const out: Record<string, number> = {};
  const rate = num(s.ThrottlingRateLimit);
  const burst = num(s.ThrottlingBurstLimit);
  if (rate !== undefined) out.rateLimitPerS = rate;
  if (burst !== undefined) out.burst = burst;
  return out;
}

/** The edges a SAM resource states (its events, its definition, its routes). */
export function samEdges(ctx: TranslateContext, r: Resource): boolean {
  const p = r.props;
  switch (r.type) {
    case 'AWS::Serverless::Function':
      events(ctx, r, p.Events);
      addDestinations(
        ctx,
        r.id,
        isObj(p.EventInvokeConfig) ? p.EventInvokeConfig.DestinationConfig : undefined,
      );
      if (isObj(p.DeadLetterQueue)) {
        const dlq = ctx.target(p.DeadLetterQueue.TargetArn, ['sqs', 'sns']);
        if (dlq)
          ctx.arch.addEdge({
            source: r.id,
            target: dlq,
            kind: 'async',
            label: 'dead-letter queue',
            settings: { destination: 'onFailure' },
          });
      }
      if (isObj(p.FunctionUrlConfig)) {
        const client = ctx.arch.addNode({
          id: `${r.id}UrlClients`,
          type: 'Client',
          kind: 'user',
          label: 'Clients',
          sublabel: 'function URL',
          settings: { ratePerS: 5 },
        });
        ctx.arch.addEdge({ source: client.id, target: r.id, kind: 'sync', label: 'HTTPS' });
      }
      return true;
    case 'AWS::Serverless::StateMachine': {
      const definition = readStateMachine(
        ctx,
        r,
        p.Definition,
        p.DefinitionSubstitutions,
        p.DefinitionUri,
      );
      if (definition) addStateMachineTasks(ctx, r.id, definition);
      events(ctx, r, p.Events);
      return true;
    }
    case 'AWS::Serverless::Api':
    case 'AWS::Serverless::HttpApi': {
      const body = openApiBody(ctx, r.id, r.type, p, r.line);
      if (body) addOpenApiRoutes(ctx, r.id, body);
      authorizers(ctx, r, p.Auth);
      return true;
    }
    default:
      return false;
  }
}

/** The API an Api/HttpApi event belongs to: the one it names, or SAM's implicit one. */
function apiFor(ctx: TranslateContext, named: unknown, http: boolean): string | undefined {
  if (named !== undefined) return ctx.target(named, ['apiGateway']);
  const id = http ? 'ServerlessHttpApi' : 'ServerlessRestApi';
  ctx.arch.addNode({
    id,
    type: http ? 'AWS::Serverless::HttpApi' : 'AWS::Serverless::Api',
    kind: 'apiGateway',
    label: `API "${id}"`,
    sublabel: http ? 'HTTP API (implicit)' : 'REST API (implicit)',
    settings: { apiType: http ? 'HTTP' : 'REST' },
  });
  return id;
}

/** A function's or state machine's `Events`, as SAM's translator turns each into resources. */
function events(ctx: TranslateContext, r: Resource, value: unknown): void {
  if (!isObj(value)) return;
  const arch = ctx.arch;
  const isFunction = r.type === 'AWS::Serverless::Function';
  for (const [name, event] of Object.entries(value)) {
    if (!isObj(event)) continue;
    const type = String(event.Type ?? '');
    const p = isObj(event.Properties) ? event.Properties : {};
    const line = ctx.lineOf(r.id, 'Properties', 'Events', name);
    const skip = (why: string) => arch.skip(`${r.id}.${name}`, `${type} event`, why, line);
    switch (type) {
      case 'Api':
      case 'HttpApi': {
        const http = type === 'HttpApi';
        const api = apiFor(ctx, http ? p.ApiId : p.RestApiId, http);
        if (!api) {
          skip('its API is not in the template');
          break;
        }
        const [method, path] =
          p.Path === undefined && p.Method === undefined
            ? routeKey('$default')
            : [
                String(p.Method ?? 'ANY')
                  .toUpperCase()
                  .replace('ANY', 'ANY'),
                String(p.Path ?? '/'),
              ];
        const kind = isFunction ? 'sync' : 'async';
        arch.addEdge({
          id: `${r.id}${name}`,
          source: api,
          target: r.id,
          kind,
          label: `${method} ${path}`,
          route: { method: method === 'X-AMAZON-APIGATEWAY-ANY-METHOD' ? 'ANY' : method, path },
        });
        break;
      }
      case 'SQS': {
        if (!isFunction) {
          skip('an SQS event on a state machine is not a SAM event type');
          break;
        }
        const queue = ctx.target(p.Queue, ['sqs']);
        if (!queue) skip('its queue is not in the template');
        else if (bool(p.Enabled) === false)
          arch.notes.push(`${r.id}.${name} is disabled: the queue is not polled.`);
        else addPoll(ctx, queue, r.id, p, `${r.id}${name}`);
        break;
      }
      case 'SNS': {
        const topic = ctx.target(p.Topic, ['sns']);
        if (!topic) {
          skip('its topic is not in the template');
          break;
        }
        const filter = isObj(p.FilterPolicy) ? p.FilterPolicy : undefined;
        const scope =
          p.FilterPolicyScope === 'MessageBody' ? { filterPolicyScope: 'MessageBody' } : {};
        if (p.SqsSubscription !== undefined && p.SqsSubscription !== false) {
          const sub = isObj(p.SqsSubscription) ? p.SqsSubscription : {};
          let queue = sub.QueueArn !== undefined ? ctx.target(sub.QueueArn, ['sqs']) : undefined;
          if (!queue) {
            queue = arch.addNode({
              id: `${r.id}${name}Queue`,
              type: 'AWS::SQS::Queue',
              kind: 'sqs',
              label: `SQS "${r.id}${name}Queue"`,
              sublabel: 'implicit',
              settings: { visibilityTimeoutS: 30, retentionS: 345_600, delayS: 0 },
            }).id;
          }
          arch.addEdge({
            id: `${r.id}${name}Sub`,
            source: topic,
            target: queue,
            kind: 'subscription',
            label: filter ? 'filtered subscription' : 'sqs subscription',
            settings: { protocol: 'sqs', ...scope },
            ...(filter ? { filterPolicy: filter } : {}),
          });
          addPoll(ctx, queue, r.id, { BatchSize: sub.BatchSize ?? 10 }, `${r.id}${name}`);
        } else {
          arch.addEdge({
            id: `${r.id}${name}Sub`,
            source: topic,
            target: r.id,
            kind: 'subscription',
            label: filter ? 'filtered subscription' : 'lambda subscription',
            settings: { protocol: 'lambda', ...scope },
            ...(filter ? { filterPolicy: filter } : {}),
          });
        }
        break;
      }
      case 'EventBridgeRule':
      case 'CloudWatchEvent': {
        if (p.State === 'DISABLED' || bool(p.Enabled) === false) {
          arch.notes.push(`${r.id}.${name} is disabled: it delivers nothing.`);
          break;
        }
        const bus = eventBus(ctx, p.EventBusName);
        if (!bus) {
          skip('its event bus is not in the template');
          break;
        }
        const dead = isObj(p.DeadLetterConfig) ? p.DeadLetterConfig : undefined;
        let deadLetter: Obj | undefined;
        if (dead?.Arn !== undefined) deadLetter = { Arn: dead.Arn };
        else if (dead?.Type === 'SQS') {
          const q = arch.addNode({
            id: `${r.id}${name}Queue`,
            type: 'AWS::SQS::Queue',
            kind: 'sqs',
            label: `SQS "${r.id}${name}Queue"`,
            sublabel: 'implicit DLQ',
            role: 'deadLetterQueue',
            settings: { visibilityTimeoutS: 30, retentionS: 345_600, delayS: 0 },
          });
          deadLetter = { Arn: `@@ref:${q.id}.Arn@@` };
        }
        addRuleTarget(
          ctx,
          bus,
          r.id,
          `${r.id}${name}`,
          {
            RetryPolicy: p.RetryPolicy,
            InputTransformer: p.InputTransformer,
            Input: p.Input,
            InputPath: p.InputPath,
            ...(deadLetter ? { DeadLetterConfig: deadLetter } : {}),
          },
          isObj(p.Pattern) ? p.Pattern : undefined,
        );
        break;
      }
      case 'Schedule':
      case 'ScheduleV2': {
        const enabled = !(p.State === 'DISABLED' || bool(p.Enabled) === false);
        schedule(
          ctx,
          `${r.id}${name}`,
          `${type} event`,
          type === 'Schedule' ? p.Schedule : p.ScheduleExpression,
          `@@ref:${r.id}@@`,
          enabled,
          line,
        );
        break;
      }
      case 'DynamoDB':
      case 'Kinesis': {
        const stream = isFunction ? streamSource(ctx, p.Stream) : undefined;
        if (!stream) skip(eventSourceWhy(ctx, p.Stream));
        else if (bool(p.Enabled) === false)
          arch.notes.push(`${r.id}.${name} is disabled: the stream is not read.`);
        else addPoll(ctx, stream, r.id, p, `${r.id}${name}`);
        break;
      }
      case 'S3': {
        const bucket = ctx.target(p.Bucket, ['store']);
        if (!bucket || !isFunction) skip('its bucket is not in the template');
        else notification(ctx, bucket, r.id, p.Filter);
        break;
      }
      default:
        skip(`${type || 'this'} events are not simulated`);
    }
  }
}

/**
 * An API's Lambda authorizers (`Auth.Authorizers`): not simulated (requests pass as if
 * authorized), so listed; their functions get no traffic of their own.
 */
function authorizers(ctx: TranslateContext, r: Resource, auth: unknown): void {
  if (!isObj(auth) || !isObj(auth.Authorizers)) return;
  for (const [name, a] of Object.entries(auth.Authorizers)) {
    if (!isObj(a)) continue;
    const fn = ctx.target(a.FunctionArn, ['lambda']);
    if (fn) {
      const node = ctx.node(fn);
      if (node) node.settings.authorizer = true;
      ctx.arch.skip(
        `${r.id}.${name}`,
        'Lambda authorizer',
        'authorizers are not simulated (requests pass as if authorized)',
        r.line,
      );
    }
  }
}
