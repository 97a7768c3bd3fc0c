import { describe, expect, it } from 'vitest';
import type { ParamSpec, ParamValues, PatternDefinition } from '../patterns';
import { stepRestarts, unusedReason, visibleCharts } from './paramConditions';

const withQueue = { param: 'withoutQueue', equals: false } as const;

const params: ParamSpec[] = [
  {
    id: 'rate',
    kind: 'number',
    label: 'Rate',
    description: 'Messages per second.',
    unit: 'msg/s',
    min: 1,
    max: 100,
    step: 1,
    default: 10,
  },
  {
    id: 'withoutQueue',
    kind: 'boolean',
    label: 'Without the queue',
    description: 'Call the worker directly.',
    unit: '',
    default: false,
    restarts: true,
  },
  {
    id: 'verbose',
    kind: 'boolean',
    label: 'Verbose',
    description: 'A switch that applies live.',
    unit: '',
    default: false,
  },
  {
    id: 'topology',
    kind: 'choice',
    label: 'Topology',
    description: 'A choice that rewires the graph.',
    unit: '',
    options: [
      { value: 'fanOut', label: 'Fan out' },
      { value: 'chain', label: 'Chain' },
    ],
    default: 'fanOut',
    restarts: true,
  },
  {
    id: 'delivery',
    kind: 'choice',
    label: 'Delivery',
    description: 'A choice that applies live.',
    unit: '',
    options: [
      { value: 'push', label: 'Push' },
      { value: 'pull', label: 'Pull' },
    ],
    default: 'push',
  },
  {
    id: 'visibilityTimeoutS',
    kind: 'number',
    label: 'Visibility timeout',
    description: 'Only with the queue.',
    unit: 's',
    min: 1,
    max: 60,
    step: 1,
    default: 30,
    usedWhen: withQueue,
  },
  {
    id: 'pullBatch',
    kind: 'number',
    label: 'Pull batch',
    description: 'Only when pulling.',
    unit: '',
    min: 1,
    max: 10,
    step: 1,
    default: 1,
    usedWhen: { param: 'delivery', equals: 'pull' },
  },
  {
    id: 'pullWait',
    kind: 'number',
    label: 'Pull wait',
    description: 'Only when pulling from the queue.',
    unit: 's',
    min: 0,
    max: 20,
    step: 1,
    default: 0,
    usedWhen: { all: [withQueue, { param: 'delivery', equals: 'pull' }] },
  },
];

const pattern: PatternDefinition = {
  id: 'fixture',
  title: 'Fixture',
  seedDiagram: 'none',
  nodes: [],
  edges: [],
  params,
  flows: [],
  charts: [
    { id: 'latency', title: 'Latency', unit: 'ms', series: [] },
    { id: 'backlog', title: 'Backlog', unit: 'messages', series: [], visibleWhen: withQueue },
  ],
  explanation: { summary: '', whenToUse: [], tradeOffs: [], whatToTry: [] },
};

const defaults: ParamValues = Object.fromEntries(params.map((p) => [p.id, p.default]));
const withoutQueue = { ...defaults, withoutQueue: true };
const spec = (id: string) => params.find((p) => p.id === id)!;

describe('conditions on parameters', () => {
  it('hides the charts whose condition does not hold', () => {
    expect(visibleCharts(pattern.charts, defaults).map((c) => c.id)).toEqual([
      'latency',
      'backlog',
    ]);
    expect(visibleCharts(pattern.charts, withoutQueue).map((c) => c.id)).toEqual(['latency']);
  });

  it('explains why a parameter is not used with the current values', () => {
    const timeout = spec('visibilityTimeoutS');
    expect(unusedReason(timeout, pattern, defaults)).toBeNull();
    expect(unusedReason(timeout, pattern, withoutQueue)).toBe(
      'Not used while “Without the queue” is on.',
    );
    expect(unusedReason(spec('rate'), pattern, withoutQueue)).toBeNull();
    expect(unusedReason(spec('pullBatch'), pattern, defaults)).toBe(
      'Only used when Delivery is Pull.',
    );
  });

  it('explains the first comparison that fails when several must hold', () => {
    const pullWait = spec('pullWait');
    expect(unusedReason(pullWait, pattern, { ...defaults, delivery: 'pull' })).toBeNull();
    expect(unusedReason(pullWait, pattern, defaults)).toBe('Only used when Delivery is Pull.');
    expect(unusedReason(pullWait, pattern, { ...withoutQueue, delivery: 'pull' })).toBe(
      'Not used while “Without the queue” is on.',
    );
  });
});

describe('guide steps that restart the run', () => {
  it('restart when they change a parameter marked `restarts`', () => {
    expect(stepRestarts({ withoutQueue: true, rate: 40 }, pattern, defaults)).toBe(true);
    expect(stepRestarts({ topology: 'chain' }, pattern, defaults)).toBe(true);
  });

  it('apply live when the restarting parameters keep their values', () => {
    expect(stepRestarts({ withoutQueue: true }, pattern, withoutQueue)).toBe(false);
    expect(stepRestarts({ topology: 'fanOut', rate: 40 }, pattern, defaults)).toBe(false);
    expect(stepRestarts(undefined, pattern, defaults)).toBe(false);
  });

  it('apply live when they change only live parameters, switches included', () => {
    expect(stepRestarts({ rate: 40 }, pattern, defaults)).toBe(false);
    expect(stepRestarts({ verbose: true }, pattern, defaults)).toBe(false);
    expect(stepRestarts({ delivery: 'pull' }, pattern, defaults)).toBe(false);
    expect(stepRestarts({ unknownParam: 3 }, pattern, defaults)).toBe(false);
  });
});
