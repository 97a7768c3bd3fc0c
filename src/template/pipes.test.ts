import { describe, expect, it } from 'vitest';
import { costOf } from '../kit';
import { transformed } from '../kit/kinds/pipe';
import { createRun, defaultParams } from '../patterns';
import { checkTemplate, ledgerBalances, templatePattern } from './check';
import { importTemplate } from './translate';

/** SQS → filter → Lambda enrichment → Express state machine (REQUEST_RESPONSE, the default). */
const PIPE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::SQS::Queue
  Enrich:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs20.x
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Type: EXPRESS
      Definition:
        StartAt: Each
        States:
          Each:
            Type: Map
            ItemsPath: $
            Iterator:
              StartAt: Parse
              States:
                Parse:
                  Type: Pass
                  Parameters:
                    order.$: States.StringToJson($.body)
                  Next: Check
                Check:
                  Type: Choice
                  Choices:
                    - Variable: $.order.status
                      StringEquals: REJECTED
                      Next: Done
                    - Variable: $.order.status
                      StringEquals: RETURNED
                      Next: Done
                  Default: Unfiltered
                Done:
                  Type: Succeed
                Unfiltered:
                  Type: Fail
                  Error: Unfiltered
            End: true
  Pipe:
    Type: AWS::Pipes::Pipe
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/pipe
      Source: !GetAtt Orders.Arn
      SourceParameters:
        SqsQueueParameters:
          BatchSize: 5
          MaximumBatchingWindowInSeconds: 1
        FilterCriteria:
          Filters:
            - Pattern: '{"body": {"status": ["REJECTED"]}}'
            - Pattern: '{"body": {"status": ["RETURNED"]}}'
      Enrichment: !GetAtt Enrich.Arn
      Target: !Ref Flow
`;

describe('EventBridge Pipes', () => {
  it('becomes a pipe node polling its source, calling the enrichment, then the target', () => {
    const { arch, resources } = importTemplate({ 'template.yaml': PIPE });
    expect(resources.notSimulated).toEqual([]);
    const pipe = arch.nodes.get('Pipe');
    expect(pipe?.kind).toBe('pipe');
    expect(pipe?.settings.filters).toEqual([
      { body: { status: ['REJECTED'] } },
      { body: { status: ['RETURNED'] } },
    ]);
    const edge = (id: string) => arch.edges.find((e) => e.id === id);
    expect(edge('PipeSource')).toMatchObject({
      source: 'Orders',
      target: 'Pipe',
      kind: 'poll',
      settings: { batchSize: 5, batchWindowS: 1 },
    });
    expect(edge('PipeEnrichment')).toMatchObject({
      source: 'Pipe',
      target: 'Enrich',
      kind: 'sync',
    });
    expect(edge('PipeTarget')).toMatchObject({
      source: 'Pipe',
      target: 'Flow',
      kind: 'sync',
      settings: { batchInput: true },
    });
    expect(pipe?.settings.enrichment).toBe('PipeEnrichment');
  });

  it('delivers only the records a filter matches; the others are filtered out, not lost', () => {
    const { pattern } = templatePattern({ 'template.yaml': PIPE });
    const run = createRun(pattern, defaultParams(pattern), { seed: 5 });
    run.advanceTo(30_000);
    const stats = run.nodeStats();
    const pipe = stats.Pipe ?? {};
    expect(pipe.filtered).toBeGreaterThan(10);
    expect(pipe.delivered).toBeGreaterThan(10);
    expect(pipe.targetFailed).toBe(0);
    // One enrichment invocation and one execution per batch (the batch window gathers several
    // records), and only matching records got there: the workflow fails a batch holding a record
    // whose status no filter names.
    expect(stats.Enrich?.invocations).toBe(stats.Flow?.succeeded);
    expect(stats.Flow?.succeeded).toBeLessThan(pipe.delivered ?? 0);
    expect(stats.Flow?.failed).toBe(0);
    expect(stats.Flow?.started).toBe(stats.Flow?.succeeded);
    const ledger = run.world.ledger.summary();
    expect(ledger.dropped.filteredOut).toBeGreaterThan(0);
    expect(ledger.dropped.filteredOut).toBeLessThanOrEqual(pipe.filtered ?? 0);
    expect(Object.keys(ledger.dropped).filter((k) => k !== 'filteredOut')).toEqual([]);
    expect(ledgerBalances(ledger)).toBe(true);
    // Pipes bills the records that passed its filters.
    const bill = costOf(pattern, run).items.find((i) => i.node === 'Pipe');
    const month = (30 * 86_400) / 30;
    expect(bill?.service).toBe('Amazon EventBridge Pipes');
    expect(bill?.quantity).toBeCloseTo(((pipe.received ?? 0) - (pipe.filtered ?? 0)) * month);
  });

  it('reports a filter AWS would refuse and a source without a model, and still runs the rest', () => {
    const bad = PIPE.replace(
      `'{"body": {"status": ["RETURNED"]}}'`,
      `'{"body": {"status": "RETURNED"}}'`,
    ).replace(
      'Resources:\n',
      `Resources:
  Broker:
    Type: AWS::AmazonMQ::Broker
  MqPipe:
    Type: AWS::Pipes::Pipe
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/pipe
      Source: !GetAtt Broker.Arn
      Target: !Ref Flow
`,
    );
    const check = checkTemplate({ 'template.yaml': bad }, 'bad');
    expect(check.status).toBe('partial');
    expect(check.balanced).toBe(true);
    const why = (id: string) => check.notSimulated.find((n) => n.id === id)?.why ?? '';
    expect(why('Pipe')).toMatch(/AWS would refuse its filter 2/);
    expect(why('MqPipe')).toMatch(/Amazon MQ/);
  });

  it('hands a stream record on to an event bus as an event with the pipe’s source', () => {
    const files = {
      'template.yaml': `Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      StreamSpecification:
        StreamViewType: NEW_AND_OLD_IMAGES
  Bus:
    Type: AWS::Events::EventBus
    Properties:
      Name: app
  Pipe:
    Type: AWS::Pipes::Pipe
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/pipe
      Source: !GetAtt Table.StreamArn
      SourceParameters:
        DynamoDBStreamParameters:
          StartingPosition: LATEST
          BatchSize: 1
        FilterCriteria:
          Filters:
            - Pattern: '{"eventName": ["INSERT"], "dynamodb": {"NewImage": {"kind": {"S": [{"prefix": "order"}]}}}}'
      Target: !GetAtt Bus.Arn
      TargetParameters:
        EventBridgeEventBusParameters:
          Source: app.orders
          DetailType: OrderCreated
        InputTemplate: '{"orderKind": <$.dynamodb.NewImage.kind.S>, "pipe": "<aws.pipes.pipe-name>"}'
  Log:
    Type: AWS::Logs::LogGroup
  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: !Ref Bus
      EventPattern:
        source: [app.orders]
        detail:
          orderKind: [{ prefix: order }]
          pipe: [Pipe]
      Targets:
        - Arn: !GetAtt Log.Arn
          Id: log
`,
    };
    const { imported, pattern } = templatePattern(files);
    expect(imported.resources.notSimulated).toEqual([]);
    expect(imported.arch.edges.find((e) => e.id === 'PipeSource')).toMatchObject({
      source: 'TableStream',
      kind: 'poll',
    });
    const run = createRun(pattern, defaultParams(pattern), { seed: 2 });
    run.advanceTo(30_000);
    const stats = run.nodeStats();
    expect(stats.Pipe?.filtered).toBeGreaterThan(0);
    expect(stats.Pipe?.delivered).toBeGreaterThan(0);
    // The rule matches the pipe's Source and what its InputTemplate made of each record, so every
    // delivered event reaches the log group.
    expect(stats.Bus?.matched).toBe(stats.Pipe?.delivered);
    expect(stats.Log?.writes).toBeGreaterThan(0);
    expect(ledgerBalances(run.world.ledger.summary())).toBe(true);
  });

  it('applies a Pipes input template: <$.path> into the record, its body or data parsed', () => {
    const sqs = { messageId: 'm1', body: { orderId: 'a-1', n: 2 } };
    expect(transformed('{"orderId": "<$.body.orderId>", "n": <$.body.n>}', sqs, 'P')).toEqual({
      orderId: 'a-1',
      n: 2,
    });
    expect(transformed('Order <$.body.orderId> needs attention', sqs, 'P')).toEqual({
      value: 'Order a-1 needs attention',
    });
    expect(
      transformed('{"pipe": "<aws.pipes.pipe-name>", "payload": <aws.pipes.event.json>}', sqs, 'P'),
    ).toEqual({ pipe: 'P', payload: sqs });
    expect(transformed('{"data": <$.data>}', { data: { type: 'NEW' } }, 'P')).toEqual({
      data: { type: 'NEW' },
    });
  });

  it("sends a stream's failed records to the pipe's dead-letter queue after MaximumRetryAttempts", () => {
    const files = {
      'template.yaml': `Resources:
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
  Dlq:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Role: arn:aws:iam::123456789012:role/fn
      Code:
        ZipFile: exports.handler = async () => {}
  Pipe:
    Type: AWS::Pipes::Pipe
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/pipe
      Source: !GetAtt Stream.Arn
      SourceParameters:
        KinesisStreamParameters:
          StartingPosition: LATEST
          BatchSize: 10
          MaximumRetryAttempts: 2
          DeadLetterConfig:
            Arn: !GetAtt Dlq.Arn
      Target: !GetAtt Worker.Arn
`,
    };
    const { imported, pattern } = templatePattern(files);
    const { arch, resources } = imported;
    expect(resources.notSimulated).toEqual([]);
    expect(arch.nodes.get('Dlq')?.role).toBe('deadLetterQueue');
    expect(arch.nodes.get('Stream')?.settings.maxReceiveCount).toBe(3);
    expect(arch.edges.find((e) => e.kind === 'redrive')).toMatchObject({
      source: 'Stream',
      target: 'Dlq',
    });
    expect(arch.edges.find((e) => e.id === 'PipeSource')?.settings).toMatchObject({
      batchSize: 10,
    });
    // A target that always fails: each batch is tried three times, then dead-lettered.
    const run = createRun(
      pattern,
      { ...defaultParams(pattern), Worker_errorRate: 100 },
      { seed: 4 },
    );
    run.advanceTo(150_000);
    const ledger = run.world.ledger.summary();
    expect(ledger.deadLettered).toBeGreaterThan(0);
    expect(ledger.completed).toBe(0);
    expect(run.nodeStats().Pipe?.targetFailed).toBeGreaterThan(0);
    expect(ledgerBalances(ledger)).toBe(true);
  });

  it('gives every pipe reading a stream every record (each filters it on its own)', () => {
    const pipe = (id: string, event: string) => `  ${id}:
    Type: AWS::Pipes::Pipe
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/pipe
      Source: !GetAtt Table.StreamArn
      SourceParameters:
        DynamoDBStreamParameters:
          StartingPosition: LATEST
          BatchSize: 1
        FilterCriteria:
          Filters:
            - Pattern: '{"eventName": ["${event}"]}'
      Target: !Ref Topic
`;
    const { pattern } = templatePattern({
      'template.yaml': `Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Topic:
    Type: AWS::SNS::Topic
${pipe('Created', 'INSERT')}${pipe('Updated', 'MODIFY')}`,
    });
    const run = createRun(pattern, defaultParams(pattern), { seed: 6 });
    run.advanceTo(30_000);
    const s = run.nodeStats();
    const written = s.Table?.writes ?? 0;
    expect(written).toBeGreaterThan(10);
    // Both read all of it (give or take the records still on their way at the end).
    for (const id of ['Created', 'Updated']) {
      expect(s[id]?.received).toBeGreaterThanOrEqual(written - 2);
      expect(s[id]?.delivered).toBeGreaterThan(0);
    }
    expect((s.Created?.delivered ?? 0) + (s.Updated?.delivered ?? 0)).toBe(s.Topic?.published);
    expect(ledgerBalances(run.world.ledger.summary())).toBe(true);
  });
});
