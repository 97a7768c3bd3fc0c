import { describe, expect, it } from 'vitest';
import { checkDefinition, createRun, defaultParams, definitionOf } from '../patterns';
import { ledgerBalances, templatePattern } from './check';
import { importTemplate } from './translate';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 12
    MemorySize: 256
    Environment:
      Variables:
        STAGE: prod
Resources:
  OrdersQueue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt OrdersDlq.Arn
        maxReceiveCount: 3
  OrdersDlq:
    Type: AWS::SQS::Queue
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Environment:
        Variables:
          QUEUE_URL: !Ref OrdersQueue
      Policies:
        - SQSSendMessagePolicy:
            QueueName: !GetAtt OrdersQueue.QueueName
      Events:
        Post:
          Type: Api
          Properties:
            Path: /orders
            Method: post
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 30
      ReservedConcurrentExecutions: 5
      Events:
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt OrdersQueue.Arn
            BatchSize: 7
            ScalingConfig:
              MaximumConcurrency: 4
      Policies:
        - EventBridgePutEventsPolicy:
            EventBusName: !Ref Bus
  Bus:
    Type: AWS::Events::EventBus
    Properties:
      Name: orders
  Notify:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Shipped:
          Type: EventBridgeRule
          Properties:
            EventBusName: !Ref Bus
            Pattern:
              source: [orders]
              detail-type: [Shipped]
            RetryPolicy:
              MaximumRetryAttempts: 4
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(5 minutes)
  Role:
    Type: AWS::IAM::Role
`;

describe('SAM translation', () => {
  const imported = importTemplate({ 'template.yaml': SAM });
  const nodes = imported.arch.nodes;
  const edges = imported.arch.edges;

  it('merges Globals into each function (its own values win)', () => {
    expect(nodes.get('Api')?.settings).toMatchObject({ timeoutS: 12, memoryMb: 256 });
    expect(nodes.get('Worker')?.settings).toMatchObject({
      timeoutS: 30,
      memoryMb: 256,
      reservedConcurrency: 5,
    });
  });

  it("creates SAM's implicit resources: the REST API, the rule, the schedule", () => {
    expect(nodes.get('ServerlessRestApi')?.kind).toBe('apiGateway');
    const route = edges.find((e) => e.source === 'ServerlessRestApi');
    expect(route).toMatchObject({
      target: 'Api',
      kind: 'sync',
      route: { method: 'POST', path: '/orders' },
    });
    expect(edges.find((e) => e.kind === 'rule')).toMatchObject({
      source: 'Bus',
      target: 'Notify',
      eventPattern: { source: ['orders'], 'detail-type': ['Shipped'] },
      settings: { rule: 'NotifyShipped', maximumRetryAttempts: 4 },
    });
    const schedule = [...nodes.values()].find((n) => n.kind === 'user');
    expect(schedule?.settings.ratePerS).toBeCloseTo(1 / 300);
  });

  it('reads the event source mapping and the redrive policy', () => {
    expect(edges.find((e) => e.kind === 'poll')).toMatchObject({
      source: 'OrdersQueue',
      target: 'Worker',
      settings: { batchSize: 7, maxConcurrency: 4 },
    });
    expect(edges.find((e) => e.kind === 'redrive')).toMatchObject({
      source: 'OrdersQueue',
      target: 'OrdersDlq',
    });
    expect(nodes.get('OrdersQueue')?.settings).toMatchObject({
      visibilityTimeoutS: 60,
      maxReceiveCount: 3,
    });
    expect(nodes.get('OrdersDlq')?.role).toBe('deadLetterQueue');
  });

  it('infers "may send" edges from policies and environment variables, with why', () => {
    const maySend = edges.filter((e) => e.mayUse);
    expect(maySend.map((e) => [e.source, e.target, e.kind])).toEqual([
      ['Api', 'OrdersQueue', 'async'],
      ['Worker', 'Bus', 'async'],
    ]);
    expect(maySend[0]?.mayUse).toEqual([
      'environment variable QUEUE_URL',
      'policy SQSSendMessagePolicy',
    ]);
  });

  it('lists roles as plumbing and simulates everything else', () => {
    expect(imported.resources.plumbing).toEqual(['Role']);
    expect(imported.resources.notSimulated).toEqual([]);
    expect(imported.resources.simulated).toContain('ServerlessRestApi');
  });

  it('becomes a definition the kit accepts, with the template settings as slider defaults', () => {
    const { pattern } = templatePattern({ 'template.yaml': SAM });
    expect(checkDefinition(definitionOf(pattern))).toEqual([]);
    const defaults = defaultParams(pattern);
    expect(defaults).toMatchObject({
      Worker_timeoutS: 30,
      Worker_reserve: true,
      Worker_reserved: 5,
      OrdersQueue_visibilityS: 60,
      OrdersQueue_maxReceiveCount: 3,
      WorkerQueuePoll_batchSize: 7,
      ApiMayOrdersQueue_on: true,
      ApiMayOrdersQueue_share: 100,
    });
    expect(pattern.edges.find((e) => e.id === 'ApiMayOrdersQueue')).toMatchObject({
      inferred: true,
    });
  });

  it('runs: API requests reach the worker through the inferred edge, and the ledger balances', () => {
    const { pattern } = templatePattern({ 'template.yaml': SAM });
    const run = createRun(pattern, defaultParams(pattern), { seed: 3 });
    run.advanceTo(20_000);
    const stats = run.nodeStats();
    expect(stats.Worker?.invocations).toBeGreaterThan(50);
    expect(stats.Notify?.invocations).toBeGreaterThan(0);
    expect(ledgerBalances(run.world.ledger.summary())).toBe(true);
    // Switching the implied edge off: nothing reaches the queue any more.
    const off = createRun(
      pattern,
      { ...defaultParams(pattern), ApiMayOrdersQueue_on: false },
      { seed: 3 },
    );
    off.advanceTo(20_000);
    expect(off.nodeStats().Worker?.invocations ?? 0).toBe(0);
  });

  it('a share below 100% sends that share along the implied edge', () => {
    const { pattern } = templatePattern({ 'template.yaml': SAM });
    const run = createRun(
      pattern,
      { ...defaultParams(pattern), ApiMayOrdersQueue_share: 30 },
      { seed: 5 },
    );
    run.advanceTo(60_000);
    const s = run.nodeStats();
    const ratio = (s.OrdersQueue?.sent ?? 0) / (s.Api?.invocations ?? 1);
    expect(ratio).toBeGreaterThan(0.2);
    expect(ratio).toBeLessThan(0.4);
  });
});

describe('CloudFormation translation', () => {
  const CFN = {
    Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } },
    Resources: {
      Topic: { Type: 'AWS::SNS::Topic' },
      Alerts: { Type: 'AWS::SNS::Topic' },
      Sub: {
        Type: 'AWS::SNS::Subscription',
        Properties: {
          TopicArn: { Ref: 'Topic' },
          Protocol: 'sqs',
          Endpoint: { 'Fn::GetAtt': ['Q', 'Arn'] },
          FilterPolicy: { type: ['order'] },
          FilterPolicyScope: 'MessageBody',
          RawMessageDelivery: true,
        },
      },
      Q: { Type: 'AWS::SQS::Queue' },
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: { Timeout: 9, Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] } },
      },
      FnRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          Policies: [
            {
              PolicyDocument: {
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: ['sns:Publish'],
                    Resource: [{ Ref: 'Topic' }, { Ref: 'Alerts' }],
                  },
                ],
              },
            },
          ],
        },
      },
      Mapping: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: { EventSourceArn: { 'Fn::GetAtt': ['Q', 'Arn'] }, FunctionName: { Ref: 'Fn' } },
      },
      Machine: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          DefinitionString: {
            'Fn::Sub':
              '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"${Fn.Arn}","End":true}}}',
          },
        },
      },
      Gone: { Type: 'AWS::SQS::Queue', Condition: 'Never' },
      Stream: { Type: 'AWS::Kinesis::Firehose' },
    },
  };
  const imported = importTemplate({ 'stack.json': JSON.stringify(CFN) });
  const edges = imported.arch.edges;

  it('reads subscriptions with filter policy, scope and raw delivery', () => {
    expect(edges.find((e) => e.kind === 'subscription')).toMatchObject({
      source: 'Topic',
      target: 'Q',
      filterPolicy: { type: ['order'] },
      settings: { protocol: 'sqs', filterPolicyScope: 'MessageBody', rawMessageDelivery: true },
    });
  });

  it("finds Tasks' functions in a DefinitionString with Fn::Sub", () => {
    expect(edges.find((e) => e.source === 'Machine')).toMatchObject({
      target: 'Fn',
      kind: 'sync',
      settings: { resource: 'arn:aws:lambda:us-east-1:123456789012:function:Fn' },
    });
  });

  it("infers from the execution role's statements, leaves out what a condition removes", () => {
    expect(edges.filter((e) => e.mayUse)).toEqual([
      expect.objectContaining({
        source: 'Fn',
        target: 'Alerts',
        mayUse: ['role FnRole: sns:Publish'],
      }),
    ]);
    expect(imported.arch.nodes.has('Gone')).toBe(false);
  });

  it('draws a type without a model as an opaque node and says why', () => {
    expect(imported.arch.nodes.get('Stream')?.kind).toBe('opaque');
    expect(imported.resources.notSimulated).toEqual([
      expect.objectContaining({
        id: 'Stream',
        type: 'AWS::Kinesis::Firehose',
        why: 'no model for AWS::Kinesis::Firehose',
      }),
    ]);
  });

  it('leaves out an inferred edge that would loop back to the sender', () => {
    // Fn polls Q, which the topic feeds: Fn → Topic would send Fn its own messages again.
    expect(imported.arch.notes.some((n) => n.includes('loop back'))).toBe(true);
  });
});

describe('API Gateway service integrations named in their mapping templates', () => {
  const template = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineName: OrdersFlow
      StateMachineType: EXPRESS
      DefinitionString: '{"StartAt":"Done","States":{"Done":{"Type":"Succeed"}}}'
  Comments:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: CommentsTable
      BillingMode: PAY_PER_REQUEST
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: demo
  Root:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref Api
      ParentId: !GetAtt Api.RootResourceId
      PathPart: run
  RunPost:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Root
      HttpMethod: POST
      AuthorizationType: NONE
      Integration:
        Type: AWS
        IntegrationHttpMethod: POST
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:states:action/StartSyncExecution
        RequestTemplates:
          application/json: !Sub |
            {"input": "$util.escapeJavaScript($input.json('$'))",
             "stateMachineArn": "arn:aws:states:\${AWS::Region}:\${AWS::AccountId}:stateMachine:OrdersFlow"}
  CommentPost:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: POST
      AuthorizationType: NONE
      Integration:
        Type: AWS
        IntegrationHttpMethod: POST
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:dynamodb:action/PutItem
        RequestTemplates:
          application/json: '{"TableName":"CommentsTable","Item":{"id":{"S":"$context.requestId"}}}'
`;
  const imported = importTemplate({ 'template.yaml': template });

  it('finds a state machine by the ARN a request template spells out, and waits for it (StartSyncExecution)', () => {
    const edge = [...imported.arch.edges].find((e) => e.target === 'Flow');
    expect(edge).toMatchObject({
      source: 'Api',
      kind: 'sync',
      route: { method: 'POST', path: '/run' },
    });
  });

  it('finds a table by the TableName a request template writes to', () => {
    const edge = [...imported.arch.edges].find((e) => e.target === 'Comments');
    expect(edge).toMatchObject({ source: 'Api', route: { method: 'POST', path: '/' } });
    expect(imported.resources.notSimulated).toEqual([]);
  });
});
