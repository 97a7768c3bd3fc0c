import { applyInputTransformer } from '../../aws/eventPatterns';
import { HopKind } from '../../engine';
import type { ConfigReader } from '../config';
import type { KindModule, NodeContext, NodeInstance, NodeStats } from '../kind';
import type { Link } from '../link';
import { BUFFER, fail, OK, type Reply, type Result, type Trace } from '../messages';
import type { Json, Payload } from '../payload';
import { FILTERED_OUT, POLLER_STAT_KEYS, sqsPollerFor, type EventSourcePoller } from './poll';
import { eventPatternRule } from './rules';

/** The sources a pipe reads here (Amazon MQ, MSK and self-managed Kafka are not modelled). */
export type PipeSource = 'SQS' | 'Kinesis' | 'DynamoDB';

/**
 * An EventBridge pipe (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes.html):
 * it polls ONE source over the `poll` edge arriving here (an SQS queue, or a Kinesis or DynamoDB
 * stream, which the kit runs as a queue; the edge carries BatchSize and the batching window),
 * keeps the records that match ANY of its filters (`filters`: EventBridge event patterns, matched
 * by the event-pattern engine against the source record the pipe sees: an SQS message with its
 * `body`, a Kinesis record with its `data`, a DynamoDB stream record with its `eventName` and
 * `dynamodb.NewImage`), calls the enrichment (the outgoing `sync` edge named by `enrichment`) and
 * then delivers to the target (its other outgoing edge: `sync` for a synchronous invocation,
 * `async` for a hand-off, `write` for a log group). A record no filter matches is deleted (SQS) or
 * skipped (streams): its fate is "filtered out", not lost. When the enrichment or the target
 * fails, the failed record and those after it stay in the source (they come back, and go to its
 * dead-letter queue or expire there); those already delivered and those filtered out are
 * deleted. The target receives the record (a state machine a list of records, its batch; an
 * event bus an event whose detail is the record).
 *
 * A function or an Express state machine called synchronously (REQUEST_RESPONSE, and every
 * enrichment) gets the batch in one call: one invocation, or one execution whose input is the list
 * of records; a failure fails the batch. A queue, stream, topic or bus gets each record as a
 * message of its own (as SendMessageBatch, PutRecords or PutEvents entries would make them).
 * Approximation: a FIRE_AND_FORGET function or state machine is invoked once per record, not once
 * per batch.
 *
 * Config: `source` (`SQS`, `Kinesis` or `DynamoDB`), `filters` (a list of event patterns; none:
 * every record passes), `enrichment` (the id of the enrichment edge), `eventSource` and
 * `eventDetailType` (an event-bus target's Source and DetailType), `inputTemplate` (the target's
 * InputTemplate, see {@link transformed}). What an enrichment returns is not modelled (a template
 * does not say): the target gets the record.
 */
class PipeNode implements NodeInstance {
  private source: PipeSource;
  private matchers: ReturnType<typeof eventPatternRule>[] = [];
  /** Whether records of a payload variant pass the filters, by variant. */
  private readonly memo: (boolean | undefined)[] = [];
  /** The payload variant the enrichment and target receive, by the source message's variant. */
  private readonly recordVariants: (number | undefined)[] = [];
  /** The same for the target (its input template applied; a bus: an event). */
  private readonly targetVariants: (number | undefined)[] = [];
  private poller: EventSourcePoller | undefined;
  private enrichment: Link | undefined;
  private target: Link | undefined;
  private readonly counts = {
    received: 0,
    filtered: 0,
    enriched: 0,
    enrichmentFailed: 0,
    delivered: 0,
    targetFailed: 0,
  };

  constructor(private readonly ctx: NodeContext) {
    this.source = readSource(ctx.config);
    this.setFilters(ctx.config);
  }

  private setFilters(config: ConfigReader): void {
    const list = config.values.filters;
    const patterns = Array.isArray(list) ? list : [];
    this.matchers = patterns.map((p, i) => {
      if (typeof p !== 'object' || p === null || Array.isArray(p))
        throw new Error(`${config.owner}: filters[${i}] must be an event pattern (an object)`);
      return eventPatternRule(p as Record<string, unknown>);
    });
    this.memo.length = 0;
  }

  start(): void {
    const { runtime } = this.ctx;
    const enrichmentId = this.ctx.config.str('enrichment', '');
    this.enrichment = runtime.out.find((l) => l.id === enrichmentId);
    this.target = runtime.out.find((l) => l !== this.enrichment && l.edge.kind !== 'redrive');
    const polls = runtime.in.filter((l) => l.edge.kind === 'poll');
    if (polls.length > 1)
      throw new Error(`pipe ${runtime.node.id} reads one source; it has ${polls.length}`);
    const link = polls[0];
    if (link)
      this.poller = sqsPollerFor(
        this.ctx,
        link,
        (traces, _partial, done) => this.batch(traces, done),
        true,
      );
  }

  /** A message sent to the pipe itself is not something AWS offers: refused. */
  accept(_trace: Trace, reply: Reply): void {
    reply(fail('refused', 'a pipe reads its source; nothing sends to it'));
  }

  /** Whether a record passes the filters (any of them; no filters: all). */
  private passes(id: number): boolean {
    if (this.matchers.length === 0) return true;
    const messages = this.ctx.messages;
    const variant = messages.variantOf(id);
    let m = this.memo[variant];
    if (m === undefined) {
      const record = pipeRecord(this.source, messages.payloadOf(id));
      m = this.memo[variant] = this.matchers.some((f) => f.matchesEvent(record));
    }
    return m;
  }

  private batch(traces: Trace[], done: (result: Result, failed: readonly Trace[]) => void): void {
    const messages = this.ctx.messages;
    const passed: Trace[] = [];
    for (const t of traces) {
      this.counts.received++;
      if (this.passes(t.id)) passed.push(t);
      else {
        // Deleted with the batch (SQS) or skipped (streams): its fate once the source lets go.
        this.counts.filtered++;
        t.owner = FILTERED_OUT;
        this.ctx.runtime.in
          .find((l) => l.edge.kind === 'poll')
          ?.hop(t.id, HopKind.Filtered, false, 40);
      }
    }
    if (passed.length === 0) {
      done(OK, []);
      return;
    }
    // The enrichment and the target receive the record the pipe read (a bus: as an event's
    // detail). A record that fails stays the source's and comes back as it was.
    const originals = new Map(passed.map((t) => [t, messages.variantOf(t.id)]));
    const as = (ts: readonly Trace[], to: Link | undefined) => {
      for (const t of ts)
        messages.setVariant(t.id, this.deliveredVariant(originals.get(t) ?? 0, to));
    };
    const finish = (r: Result, failed: readonly Trace[]) => {
      for (const t of failed)
        if (t.owner !== BUFFER) messages.setVariant(t.id, originals.get(t) ?? 0);
      if (failed.length === 0) done(OK, []);
      else done(r.ok ? fail('error') : r, failed);
    };
    const deliver = (ts: readonly Trace[], earlier: readonly Trace[], earlierResult: Result) => {
      const target = this.target;
      if (!target || ts.length === 0) {
        // Without a simulated target the records leave the model here, delivered.
        this.counts.delivered += ts.length;
        finish(earlierResult, earlier);
        return;
      }
      as(ts, target);
      this.send(target, ts, (r, failed) => {
        this.counts.delivered += ts.length - failed.length;
        this.counts.targetFailed += failed.length;
        finish(failed.length > 0 ? r : earlierResult, [...earlier, ...failed]);
      });
    };
    const enrichment = this.enrichment;
    if (!enrichment) {
      deliver(passed, [], OK);
      return;
    }
    as(passed, undefined);
    this.send(enrichment, passed, (r, failed) => {
      this.counts.enriched += passed.length - failed.length;
      this.counts.enrichmentFailed += failed.length;
      const failedSet = new Set(failed);
      deliver(
        passed.filter((t) => !failedSet.has(t)),
        failed,
        r,
      );
    });
  }

  /**
   * Calls `link` with the records: in one call when its target takes batches (a function, an
   * Express state machine, called synchronously), otherwise one record after the other (a queue,
   * topic or bus gets each record as a message of its own, as its batch API makes them), stopping
   * at the first failure. `then` gets the answer and the records not handled well.
   */
  private send(
    link: Link,
    traces: readonly Trace[],
    then: (result: Result, failed: readonly Trace[]) => void,
  ): void {
    const target = link.target.instance;
    if (link.edge.kind === 'sync' && target.acceptBatch) {
      const sim = this.ctx.world.sim;
      let there = 0;
      for (const t of traces)
        there = Math.max(there, link.hop(t.id, t.attempt > 1 ? HopKind.Retry : HopKind.Normal));
      sim.schedule(
        there,
        () =>
          target.acceptBatch?.(
            traces,
            (r) => {
              const ok = r.ok && !r.fate;
              let back = 0;
              for (const t of traces) {
                back = Math.max(back, link.hop(t.id, ok ? HopKind.Success : HopKind.Failure, true));
                if (ok) link.onReached?.(t.id);
              }
              sim.schedule(back, () => then(r, ok ? [] : traces), undefined);
            },
            link,
          ),
        undefined,
      );
      return;
    }
    const next = (i: number): void => {
      const t = traces[i];
      if (!t) {
        then(OK, []);
        return;
      }
      link.call(t, (r) => (r.ok && !r.fate ? next(i + 1) : then(r, traces.slice(i))));
    };
    next(0);
  }

  /**
   * What the enrichment or the target (`to`) receives for a message: the record the pipe read, or
   * (the target) what its `inputTemplate` makes of it; for an event bus, an event whose source and
   * detail-type are the pipe's (EventBridgeEventBusParameters, or AWS's defaults) and whose
   * detail is that.
   */
  private deliveredVariant(variant: number, to: Link | undefined): number {
    const bus = to?.target.node.kind === 'eventBridge';
    const memo = to === undefined ? this.recordVariants : this.targetVariants;
    const known = memo[variant];
    if (known !== undefined) return known;
    const messages = this.ctx.messages;
    const payload = messages.payloads[variant] as Payload;
    const template = to === undefined ? '' : this.ctx.config.str('inputTemplate', '');
    const record = (
      template
        ? transformed(template, pipeRecord(this.source, payload), this.ctx.runtime.node.id)
        : pipeRecord(this.source, payload, true)
    ) as Payload['body'];
    const body = bus
      ? {
          ...record,
          source: this.ctx.config.str('eventSource', `Pipe ${this.ctx.runtime.node.id}`),
          'detail-type': this.ctx.config.str(
            'eventDetailType',
            `Event from ${EVENT_SOURCE[this.source]}`,
          ),
        }
      : record;
    const v = messages.registerPayload({ body, attributes: {} });
    memo[variant] = v;
    return v;
  }

  reconfigure(config: ConfigReader): void {
    this.source = readSource(config);
    this.setFilters(config);
    this.recordVariants.length = 0;
    this.targetVariants.length = 0;
    this.poller?.reconfigure();
  }

  stats(): NodeStats {
    return { ...this.counts, ...(this.poller?.stats() ?? {}) };
  }
}

/**
 * A Pipes input template applied to a record: `<$.path>` reads the record (an SQS body or Kinesis
 * data parsed as JSON, as Pipes does when a path reaches into it), `<aws.pipes.event.json>` and
 * `<aws.pipes.event>` are the record, and the other `aws.pipes.*` variables are the pipe's names;
 * the placement rules (quotes, JSON values) are EventBridge's input transformer's, which this
 * uses. The result as a message body: the JSON object it makes, or `{ "value": ... }` for any
 * other text or value.
 */
export function transformed(
  template: string,
  record: Record<string, unknown>,
  pipe: string,
): Record<string, Json> {
  const paths: Record<string, string> = {};
  const constants: Record<string, string> = {
    'aws.pipes.pipe-arn': `arn:aws:pipes:us-east-1:123456789012:pipe/${pipe}`,
    'aws.pipes.pipe-name': pipe,
    'aws.pipes.source-arn': '',
    'aws.pipes.enrichment-arn': '',
    'aws.pipes.target-arn': '',
    'aws.pipes.event.ingestion-time': '2025-01-01T00:00:00Z',
  };
  let n = 0;
  const rewritten = template.replace(/<([^<>\s]+)>/g, (whole, name: string) => {
    if (name.startsWith('$')) {
      const key = `p${n++}`;
      paths[key] = name;
      return `<${key}>`;
    }
    if (name === 'aws.pipes.event.json' || name === 'aws.pipes.event')
      return '<aws.events.event.json>';
    const constant = constants[name];
    return constant === undefined ? whole : constant;
  });
  const text = applyInputTransformer({ InputPathsMap: paths, InputTemplate: rewritten }, record);
  try {
    const value = JSON.parse(text) as Json;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : { value };
  } catch {
    return { value: text };
  }
}

const EVENT_SOURCE: Record<PipeSource, string> = {
  SQS: 'aws:sqs',
  Kinesis: 'aws:kinesis',
  DynamoDB: 'aws:dynamodb',
};

function readSource(config: ConfigReader): PipeSource {
  const s = config.str('source', 'SQS');
  if (s !== 'SQS' && s !== 'Kinesis' && s !== 'DynamoDB')
    throw new Error(`${config.owner}: config "source" must be SQS, Kinesis or DynamoDB`);
  return s;
}

/** A JSON value in DynamoDB's attribute-value form (`{"S": "x"}`, `{"N": "1"}`...). */
export function marshall(v: Json): Json {
  if (v === null) return { NULL: true };
  if (typeof v === 'string') return { S: v };
  if (typeof v === 'number') return { N: String(v) };
  if (typeof v === 'boolean') return { BOOL: v };
  if (Array.isArray(v)) return { L: v.map(marshall) };
  return { M: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, marshall(x)])) };
}

const DDB_EVENTS = new Set(['INSERT', 'MODIFY', 'REMOVE']);

/**
 * The record a pipe reads for a message, as its filters see it (the shapes of the Lambda and
 * Pipes event sources; fixed ids and times keep runs deterministic):
 * - SQS: the message with its `body` (JSON, parsed) and `messageAttributes`;
 * - Kinesis: the record with its `data` (JSON, decoded);
 * - DynamoDB: a stream record whose `dynamodb.NewImage` is the body in attribute-value form
 *   (NEW_AND_OLD_IMAGES); `eventName` is INSERT unless the body's own `eventName` says MODIFY or
 *   REMOVE (the kit does not know whether an item existed before).
 * Filters see an SQS body and Kinesis data parsed as JSON; the target (`asDelivered`) gets them as
 * AWS sends them: the body as a string, the data base64-encoded.
 */
export function pipeRecord(
  source: PipeSource,
  payload: Payload,
  asDelivered = false,
): Record<string, unknown> {
  const body = payload.body;
  switch (source) {
    case 'SQS':
      return {
        messageId: '00000000-0000-0000-0000-000000000000',
        receiptHandle: 'receipt',
        body: asDelivered ? JSON.stringify(body) : body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: '1735689600000',
          SenderId: '123456789012',
          ApproximateFirstReceiveTimestamp: '1735689600000',
        },
        messageAttributes: Object.fromEntries(
          Object.entries(payload.attributes).map(([k, a]) => [
            k,
            { stringValue: a.Value, dataType: a.Type },
          ]),
        ),
        md5OfBody: '00000000000000000000000000000000',
        eventSource: 'aws:sqs',
        awsRegion: 'us-east-1',
      };
    case 'Kinesis':
      return {
        kinesisSchemaVersion: '1.0',
        partitionKey: '1',
        sequenceNumber: '1',
        data: asDelivered ? base64(JSON.stringify(body)) : body,
        approximateArrivalTimestamp: 1735689600,
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: 'shardId-000000000000:1',
        eventName: 'aws:kinesis:record',
        awsRegion: 'us-east-1',
      };
    case 'DynamoDB': {
      const { eventName, ...item } = body;
      const name =
        typeof eventName === 'string' && DDB_EVENTS.has(eventName) ? eventName : 'INSERT';
      const image = (marshall(item) as { M: Json }).M;
      return {
        eventID: '1',
        eventName: name,
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: 'us-east-1',
        dynamodb: {
          ApproximateCreationDateTime: 1735689600,
          SequenceNumber: '1',
          SizeBytes: 100,
          StreamViewType: 'NEW_AND_OLD_IMAGES',
          ...(name === 'REMOVE' ? { OldImage: image } : { NewImage: image }),
        },
      };
    }
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of a string's UTF-8 bytes (Kinesis record data). */
function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += B64[(n >> 18) & 63] as string;
    out += B64[(n >> 12) & 63] as string;
    out += i + 1 < bytes.length ? (B64[(n >> 6) & 63] as string) : '=';
    out += i + 2 < bytes.length ? (B64[n & 63] as string) : '=';
  }
  return out;
}

/** The `pipe` kind. */
export const pipeKind: KindModule = {
  kind: 'pipe',
  statKeys: [
    'received',
    'filtered',
    'enriched',
    'enrichmentFailed',
    'delivered',
    'targetFailed',
    ...POLLER_STAT_KEYS,
  ],
  create: (ctx) => new PipeNode(ctx),
};
