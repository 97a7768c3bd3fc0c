import { eventPatternProblem, type ServiceKind } from '../kit';
import { logGroup, streamSource } from './cloudformation';
import { asList, isObj, num, type Obj, type Resource, type TranslateContext } from './context';
import { refsIn } from './intrinsics';
import type { ArchNode } from './model';

/**
 * `AWS::Pipes::Pipe` (EventBridge Pipes): a `pipe` node that polls its one source (an SQS queue,
 * or a Kinesis or DynamoDB stream, which run as queues) over a `poll` edge with the source's
 * BatchSize and batching window, keeps the records its FilterCriteria match (each filter an event
 * pattern; AWS refuses a pipe whose pattern it cannot parse, and so does the importer), calls the
 * enrichment (a Lambda function or a state machine) over a `sync` edge and delivers to the target
 * (a function or a state machine: `sync` for REQUEST_RESPONSE, the default, `async` for
 * FIRE_AND_FORGET; a queue, stream, topic or bus: `async`; a log group: `write`). Amazon MQ, MSK
 * and self-managed Kafka sources have no model: such a pipe is drawn, not simulated.
 */

type PipeSource = 'SQS' | 'Kinesis' | 'DynamoDB';

/** Why a source is not simulated, or the kind of source it is. */
function sourceOf(ctx: TranslateContext, p: Obj): { source?: PipeSource; why?: string } {
  const id = refsIn(p.Source)[0];
  const type = id ? (ctx.resources.get(id)?.type ?? '') : '';
  const text = typeof p.Source === 'string' ? p.Source : JSON.stringify(p.Source ?? '');
  const sp = isObj(p.SourceParameters) ? p.SourceParameters : {};
  if (type === 'AWS::SQS::Queue' || (!type && text.includes(':sqs:'))) return { source: 'SQS' };
  if (type === 'AWS::Kinesis::Stream' || (!type && text.includes(':kinesis:')))
    return { source: 'Kinesis' };
  if (/DynamoDB::(Global)?Table/.test(type) || (!type && text.includes(':dynamodb:')))
    return { source: 'DynamoDB' };
  if (
    type.startsWith('AWS::AmazonMQ::') ||
    text.includes(':mq:') ||
    isObj(sp.ActiveMQBrokerParameters) ||
    isObj(sp.RabbitMQBrokerParameters)
  )
    return { why: 'an Amazon MQ broker as a pipe source is not simulated (brokers have no model)' };
  if (
    type.startsWith('AWS::MSK::') ||
    text.includes(':kafka:') ||
    isObj(sp.ManagedStreamingKafkaParameters)
  )
    return { why: 'an Amazon MSK cluster as a pipe source is not simulated (Kafka has no model)' };
  if (text.includes('smk://') || isObj(sp.SelfManagedKafkaParameters))
    return { why: 'a self-managed Apache Kafka source is not simulated (Kafka has no model)' };
  return { why: 'its source is not a queue or stream of the template' };
}

/** The filters of a pipe as event patterns, or why AWS would refuse them. */
function filtersOf(p: Obj): { filters: Obj[]; why?: string } {
  const sp = isObj(p.SourceParameters) ? p.SourceParameters : {};
  const criteria = isObj(sp.FilterCriteria) ? sp.FilterCriteria : {};
  const filters: Obj[] = [];
  const list = asList(criteria.Filters);
  for (const [i, f] of list.entries()) {
    const raw = isObj(f) ? f.Pattern : undefined;
    let pattern: unknown = raw;
    if (typeof raw === 'string') {
      try {
        pattern = JSON.parse(raw) as unknown;
      } catch {
        return { filters, why: `AWS would refuse its filter ${i + 1}: the pattern is not JSON` };
      }
    }
    if (!isObj(pattern))
      return { filters, why: `AWS would refuse its filter ${i + 1}: a pattern is a JSON object` };
    const problem = eventPatternProblem(pattern);
    if (problem) return { filters, why: `AWS would refuse its filter ${i + 1}: ${problem}` };
    filters.push(pattern);
  }
  return { filters };
}

/** The parameters of the source the pipe reads. */
function sourceParameters(p: Obj, source: PipeSource): Obj {
  const sp = isObj(p.SourceParameters) ? p.SourceParameters : {};
  const key = {
    SQS: 'SqsQueueParameters',
    Kinesis: 'KinesisStreamParameters',
    DynamoDB: 'DynamoDBStreamParameters',
  }[source];
  const v = sp[key];
  return isObj(v) ? v : {};
}

/** Makes a pipe drawn but not simulated, with why. */
function opaquePipe(ctx: TranslateContext, r: Resource, why: string, node?: ArchNode): void {
  const settings = { why };
  if (node) {
    node.kind = 'opaque';
    node.settings = settings;
    node.sublabel = 'Pipes::Pipe';
  } else
    ctx.arch.addNode({
      id: r.id,
      type: r.type,
      kind: 'opaque',
      label: r.id,
      sublabel: 'Pipes::Pipe',
      settings,
      ...(r.line === undefined ? {} : { line: r.line }),
    });
  ctx.arch.skip(r.id, r.type, why, r.line);
}

/** The node of a pipe (or an opaque one, with why, for a source or filter it cannot run). */
export function pipeNode(ctx: TranslateContext, r: Resource): void {
  const p = r.props;
  const { source, why } = sourceOf(ctx, p);
  if (!source) {
    opaquePipe(ctx, r, why ?? 'its source has no model');
    return;
  }
  const { filters, why: refused } = filtersOf(p);
  if (refused) {
    opaquePipe(ctx, r, refused);
    return;
  }
  const tp = isObj(p.TargetParameters) ? p.TargetParameters : {};
  const bus = isObj(tp.EventBridgeEventBusParameters) ? tp.EventBridgeEventBusParameters : {};
  ctx.arch.addNode({
    id: r.id,
    type: r.type,
    kind: 'pipe',
    label: `Pipe "${r.id}"`,
    sublabel: `${source === 'SQS' ? 'SQS' : `${source} stream`}${filters.length > 0 ? ', filtered' : ''}`,
    settings: {
      source,
      ...(filters.length > 0 ? { filters } : {}),
      ...(typeof bus.Source === 'string' ? { eventSource: bus.Source } : {}),
      ...(typeof bus.DetailType === 'string' ? { eventDetailType: bus.DetailType } : {}),
    },
    ...(r.line === undefined ? {} : { line: r.line }),
  });
}

/** What a pipe delivers to, and over which kind of edge. */
const TARGETS: readonly ServiceKind[] = ['lambda', 'stepFunctions', 'sqs', 'sns', 'eventBridge'];

/** The edges of a pipe: its source's poll edge, the enrichment call, the target. */
export function pipeEdges(ctx: TranslateContext, r: Resource): void {
  const node = ctx.node(r.id);
  if (!node || node.kind !== 'pipe') return;
  const p = r.props;
  const arch = ctx.arch;
  const source = node.settings.source as PipeSource;
  const from = source === 'SQS' ? ctx.target(p.Source, ['sqs']) : streamSource(ctx, p.Source);
  if (!from || (source === 'SQS' && ctx.node(from)?.settings.stream !== undefined)) {
    opaquePipe(
      ctx,
      r,
      `its source ${source === 'SQS' ? 'queue' : 'stream'} is not in the template`,
      node,
    );
    return;
  }
  if (p.DesiredState === 'STOPPED') {
    arch.notes.push(`${r.id} is stopped in the template (DesiredState STOPPED): it reads nothing.`);
    return;
  }
  const params = sourceParameters(p, source);
  const batchSize = num(params.BatchSize) ?? (source === 'SQS' ? 10 : 100);
  arch.addEdge({
    id: `${r.id}Source`,
    source: from,
    target: r.id,
    kind: 'poll',
    label: `batch ${batchSize}`,
    settings: { batchSize, batchWindowS: num(params.MaximumBatchingWindowInSeconds) ?? 0 },
  });
  const dlq = isObj(params.DeadLetterConfig)
    ? ctx.target(params.DeadLetterConfig.Arn, ['sqs'])
    : undefined;
  const dlqNode = dlq ? ctx.node(dlq) : undefined;
  if (dlqNode) dlqNode.role = 'deadLetterQueue';
  // A stream's failed batch is retried MaximumRetryAttempts times (default: until it expires),
  // then its records go to the dead-letter queue.
  const retries = num(params.MaximumRetryAttempts);
  const stream = ctx.node(from);
  const redrive =
    source !== 'SQS' && dlq !== undefined && stream && retries !== undefined && retries >= 0;
  if (redrive && !arch.hasEdge(from, dlq, 'redrive')) {
    stream.settings.maxReceiveCount = retries + 1;
    arch.addEdge({
      source: from,
      target: dlq,
      kind: 'redrive',
      label: `after ${retries + 1} attempts`,
    });
  }
  const unmodelled = [
    ...(redrive ? [] : ['DeadLetterConfig', 'MaximumRetryAttempts']),
    'MaximumRecordAgeInSeconds',
    'OnPartialBatchItemFailure',
    'ParallelizationFactor',
  ].filter((k) => params[k] !== undefined);
  if (unmodelled.length > 0)
    arch.notes.push(
      `${r.id}: ${unmodelled.join(', ')} of its stream source ${unmodelled.length > 1 ? 'are' : 'is'} not modelled (${redrive ? 'a failed batch goes to the dead-letter queue after its attempts' : 'a failed batch comes back until it succeeds or the record expires'}).`,
    );

  // The enrichment: a function or an Express state machine, called with the records and waited for.
  if (p.Enrichment !== undefined) {
    const enrichment = ctx.target(p.Enrichment, ['lambda', 'stepFunctions']);
    if (enrichment) {
      const edge = arch.addEdge({
        id: `${r.id}Enrichment`,
        source: r.id,
        target: enrichment,
        kind: 'sync',
        label: 'enrichment',
      });
      node.settings.enrichment = edge.id;
      if (ctx.node(enrichment)?.kind === 'stepFunctions') edge.settings = { batchInput: true };
      if (isObj(p.EnrichmentParameters) && p.EnrichmentParameters.InputTemplate !== undefined)
        arch.notes.push(`${r.id}: the enrichment's InputTemplate is not applied.`);
    } else
      arch.skip(
        `${r.id}.Enrichment`,
        r.type,
        'an enrichment outside the template or without a model (an API destination, an API Gateway API): records go on to the target unenriched',
        r.line,
      );
  }

  // The target.
  const tp = isObj(p.TargetParameters) ? p.TargetParameters : {};
  const target = ctx.target(p.Target, TARGETS) ?? logGroup(ctx, p.Target);
  if (!target) {
    arch.skip(
      `${r.id}.Target`,
      r.type,
      'a target outside the template or without a model (API destination, Timestream, Firehose, ECS...): records count as delivered once the pipe hands them on',
      r.line,
    );
    return;
  }
  const kind = ctx.node(target)?.kind;
  const invocation = (key: string): unknown => {
    const v = tp[key];
    return isObj(v) ? v.InvocationType : undefined;
  };
  const fireAndForget =
    (kind === 'lambda' && invocation('LambdaFunctionParameters') === 'FIRE_AND_FORGET') ||
    (kind === 'stepFunctions' &&
      invocation('StepFunctionStateMachineParameters') === 'FIRE_AND_FORGET');
  const edgeKind =
    kind === 'store'
      ? 'write'
      : kind === 'lambda' || kind === 'stepFunctions'
        ? fireAndForget
          ? 'async'
          : 'sync'
        : 'async';
  arch.addEdge({
    id: `${r.id}Target`,
    source: r.id,
    target,
    kind: edgeKind,
    ...(kind === 'stepFunctions' ? { settings: { batchInput: true } } : {}),
    label:
      edgeKind === 'sync'
        ? 'target (REQUEST_RESPONSE)'
        : kind === 'lambda' || kind === 'stepFunctions'
          ? 'target (FIRE_AND_FORGET)'
          : 'target',
  });
  if (
    kind === 'stepFunctions' &&
    edgeKind === 'sync' &&
    ctx.node(target)?.settings.workflowType !== 'EXPRESS'
  )
    arch.notes.push(
      `${r.id} invokes the Standard state machine ${target} with REQUEST_RESPONSE, which only Express workflows support: Step Functions refuses each call.`,
    );
  if (typeof tp.InputTemplate === 'string') node.settings.inputTemplate = tp.InputTemplate;
  else if (tp.InputTemplate !== undefined)
    arch.notes.push(`${r.id}: the target's InputTemplate is not a string; it is not applied.`);
  if (p.Enrichment !== undefined)
    arch.notes.push(
      `${r.id}: what the enrichment returns is not modelled; the target receives the source record.`,
    );
}
