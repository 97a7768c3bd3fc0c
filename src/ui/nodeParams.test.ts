import { describe, expect, it } from 'vitest';
import type { GraphNode, ParamSpec, PatternDefinition } from '../patterns';
import { groupParams, nodesOf, paramsForNode } from './nodeParams';

const node = (
  id: string,
  kind: GraphNode['kind'],
  label: string,
  sublabel?: string,
): GraphNode => ({
  id,
  kind,
  label,
  ...(sublabel ? { sublabel } : {}),
  position: { x: 0, y: 0 },
});

const param = (id: string, belongsTo?: string | string[]): ParamSpec => ({
  id,
  kind: 'number',
  label: id,
  description: '',
  unit: '',
  min: 0,
  max: 10,
  step: 1,
  default: 1,
  ...(belongsTo ? { node: belongsTo } : {}),
});

const pattern: PatternDefinition = {
  id: 'fixture',
  title: 'Fixture',
  seedDiagram: 'none',
  nodes: [
    node('client', 'user', 'User', 'Make payment'),
    node('api', 'apiGateway', 'API Gateway', '/payments'),
    node('customerDb', 'aurora', 'Aurora', 'customer database'),
    node('queue', 'sqs', 'SQS "Orders"'),
    node('worker', 'lambda', 'Lambda "Worker"'),
    node('salesDb', 'aurora', 'Aurora', 'sales database'),
  ],
  edges: [],
  params: [
    param('batchSize', ['worker', 'queue']),
    param('rate', 'client'),
    param('visibilityTimeoutS', ['queue', 'worker']),
    param('seedOnly'),
    param('connections', 'salesDb'),
    param('apiLimit', ['api']),
    param('orphan', 'removedNode'),
    param('workerMemory', 'worker'),
  ],
  flows: [],
  charts: [],
  explanation: { summary: '', whenToUse: [], tradeOffs: [], whatToTry: [] },
};

const ids = (specs: readonly ParamSpec[]) => specs.map((s) => s.id);

describe('parameters by node', () => {
  it('reads the nodes a parameter names, as a string or a list', () => {
    const byId = (id: string) => pattern.params.find((p) => p.id === id)!;
    expect(nodesOf(byId('rate'))).toEqual(['client']);
    expect(nodesOf(byId('batchSize'))).toEqual(['worker', 'queue']);
    expect(nodesOf(byId('seedOnly'))).toEqual([]);
  });

  it('gives each node the parameters that name it, in the pattern’s order', () => {
    expect(ids(paramsForNode(pattern, 'worker'))).toEqual([
      'batchSize',
      'visibilityTimeoutS',
      'workerMemory',
    ]);
    expect(ids(paramsForNode(pattern, 'queue'))).toEqual(['batchSize', 'visibilityTimeoutS']);
    expect(ids(paramsForNode(pattern, 'customerDb'))).toEqual([]);
    expect(ids(paramsForNode(pattern, 'nowhere'))).toEqual([]);
  });

  it('groups by the first node named, in graph order, the rest in “Other”', () => {
    const groups = groupParams(pattern);
    expect(groups.map((g) => [g.nodeId, ids(g.params)])).toEqual([
      ['client', ['rate']],
      ['api', ['apiLimit']],
      ['queue', ['visibilityTimeoutS']],
      ['worker', ['batchSize', 'workerMemory']],
      ['salesDb', ['connections']],
      [null, ['seedOnly', 'orphan']],
    ]);
    // Every parameter is in exactly one group.
    expect(groups.flatMap((g) => ids(g.params)).sort()).toEqual(ids(pattern.params).sort());
  });

  it('titles a group by its node, adding the sublabel for the client and for shared labels', () => {
    const titles = groupParams(pattern).map((g) => g.title);
    expect(titles).toEqual([
      'User · Make payment',
      'API Gateway',
      'SQS "Orders"',
      'Lambda "Worker"',
      'Aurora · sales database',
      'Other',
    ]);
  });
});
