/**
 * Throughput benchmark of the interpreter's hot path: a 10-state workflow of Pass, Choice and
 * Task states (tasks answering synchronously), run to completion again and again, with AWS's
 * execution history kept or not.
 */
import { Execution } from './execution';
import { VirtualClock } from './clock';
import type { StateMachineDefinition, TaskHandler } from './types';

/**
 * The benchmark workflow: 10 states of Pass, Choice and Task. Like a polling or batch loop, it
 * goes round its middle eight states `$.rounds` times per execution, so the figure measures
 * state transitions rather than execution start-up (which costs about two transitions' worth).
 */
export const BENCH_DEFINITION: StateMachineDefinition = {
  Comment: 'Benchmark: 10 states of Pass, Choice and Task',
  StartAt: 'Init',
  States: {
    Init: {
      Type: 'Pass',
      Parameters: { 'rounds.$': '$.rounds', n: 0, tier: 'gold' },
      Next: 'IsGold',
    },
    IsGold: {
      Type: 'Choice',
      Choices: [{ Variable: '$.tier', StringEquals: 'gold', Next: 'Price' }],
      Default: 'Reject',
    },
    Price: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { 'n.$': '$.n' },
      ResultPath: '$.price',
      Next: 'Shape',
    },
    Shape: {
      Type: 'Pass',
      Parameters: {
        'total.$': '$.price.total',
        'n.$': '$.n',
        'rounds.$': '$.rounds',
        'tier.$': '$.tier',
      },
      Next: 'Cheap',
    },
    Cheap: {
      Type: 'Choice',
      Choices: [{ Variable: '$.total', NumericLessThan: 100, Next: 'Reserve' }],
      Default: 'Reject',
    },
    Reserve: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      ResultPath: '$.reservation',
      Next: 'Count',
    },
    Count: {
      Type: 'Pass',
      Parameters: {
        'n.$': 'States.MathAdd($.n, 1)',
        'rounds.$': '$.rounds',
        'tier.$': '$.tier',
        'reservation.$': '$.reservation',
      },
      Next: 'Again',
    },
    Again: {
      Type: 'Choice',
      Choices: [{ Variable: '$.n', NumericLessThanPath: '$.rounds', Next: 'IsGold' }],
      Default: 'Done',
    },
    Done: { Type: 'Succeed', OutputPath: '$.reservation' },
    Reject: { Type: 'Fail', Error: 'Rejected' },
  },
};

const answer: TaskHandler = (task, cb) => {
  if (task.stateName === 'Price') cb.succeed({ total: 42 });
  else cb.succeed({ id: 'r-1' });
};

/** What to measure. */
export interface BenchOptions {
  /** Keep AWS's execution history (default true). */
  history?: boolean;
  /** Times each execution goes round the loop (default 20; 1: one pass, start-up included). */
  rounds?: number;
}

/**
 * Runs the benchmark workflow for about `budgetMs` of the given wall clock and returns state
 * transitions per second. `now` is the caller's clock (the project bench passes
 * `performance.now`): the simulation core never reads real time itself.
 */
export function benchStateTransitions(
  now: () => number,
  budgetMs = 500,
  options: BenchOptions = {},
): number {
  const clock = new VirtualClock(0);
  const input = { rounds: options.rounds ?? 20 };
  const history = options.history ?? true;
  const run = () =>
    new Execution(BENCH_DEFINITION, input, { clock, taskHandler: answer, history }).transitions;
  // Warm up the JIT and the compiled-machine cache before measuring.
  for (let i = 0; i < 300; i++) run();
  let transitions = 0;
  const start = now();
  let elapsed: number;
  do {
    for (let i = 0; i < 5; i++) transitions += run();
    elapsed = now() - start;
  } while (elapsed < budgetMs);
  return (transitions / elapsed) * 1000;
}
