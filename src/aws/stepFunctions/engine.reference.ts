/**
 * Test support: a fixed, seeded family of random workflows (nested Parallel and Map states, Tasks
 * with Retry, Catch and timeouts, Waits, Fail states, an execution timeout, StopExecution,
 * stepping) and the way `engine.reference.test.ts` drives each one, so that everything observable
 * about a run (status, output, error and cause, the whole history, the observer's calls, the
 * states in progress after each step) can be compared with what the XState statecharts this
 * engine replaced produced. The generator draws from its own PRNG: the family does not change
 * unless this file does.
 */
import type { StateDefinition, StateMachineDefinition, TaskHandler } from './types';

/** What a Task does when called: answer now, fail now, never answer, answer later, throw. */
type Move = 'ok' | 'fail' | 'silent' | 'late' | 'lateFail' | 'throw';

/** One case of the family. */
export interface ReferenceCase {
  definition: StateMachineDefinition;
  input: unknown;
  script: Move[];
  stepping: boolean;
  /** Stop the execution at this turn of the driving loop (null: never). */
  abortAt: number | null;
}

/** mulberry32 */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LAMBDA = 'arn:aws:states:::lambda:invoke';

/** Generates case `index` of the family. */
export function referenceCase(index: number): ReferenceCase {
  const r = prng(0x5eed + index * 7919);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const bool = () => r() < 0.5;
  let names = 0;

  const task = (): StateDefinition => {
    const beat = r() < 0.15;
    return {
      Type: 'Task',
      Resource: LAMBDA,
      ResultPath: '$.t',
      ...(bool() ? { TimeoutSeconds: 2 } : {}),
      ...(beat ? { HeartbeatSeconds: 1, TimeoutSeconds: 5 } : {}),
      ...(bool()
        ? {
            Retry: [
              { ErrorEquals: ['Late'], MaxAttempts: 1, IntervalSeconds: 1 },
              { ErrorEquals: ['States.ALL'], MaxAttempts: 2, IntervalSeconds: 1, BackoffRate: 1.5 },
            ],
          }
        : {}),
      ...(bool()
        ? { Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.err', Next: '' }] }
        : {}),
    };
  };

  const leaf = (): StateDefinition => {
    const k = int(0, 3);
    if (k === 0) return { Type: 'Pass', Result: { x: 1 }, ResultPath: '$.p' };
    if (k === 1) return { Type: 'Wait', Seconds: int(1, 3) };
    if (k === 2) return task();
    return { Type: 'Fail', Error: 'Failed', Cause: 'on purpose' };
  };

  const state = (depth: number): StateDefinition => {
    const k = depth > 0 ? int(0, 4) : 0;
    if (k <= 2) return leaf();
    if (k === 3) {
      const p = `P${++names}`;
      return {
        Type: 'Parallel',
        ResultPath: '$.par',
        Branches: [
          { StartAt: `${p}a0`, States: chain(depth - 1, `${p}a`) },
          { StartAt: `${p}b0`, States: chain(depth - 1, `${p}b`) },
        ],
        ...(bool()
          ? { Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1, IntervalSeconds: 2 }] }
          : {}),
        ...(bool()
          ? { Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.perr', Next: '' }] }
          : {}),
      };
    }
    const m = `M${++names}`;
    const distributed = bool();
    return {
      Type: 'Map',
      ItemsPath: '$.items',
      MaxConcurrency: int(0, 3),
      ResultPath: '$.mapped',
      ...(distributed ? { ToleratedFailureCount: int(0, 2) } : {}),
      ItemProcessor: {
        ...(distributed
          ? { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } }
          : {}),
        StartAt: `${m}0`,
        States: chain(depth - 1, m),
      },
      ...(bool()
        ? { Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.merr', Next: '' }] }
        : {}),
    } as StateDefinition;
  };

  /** A linear chain of 1–3 states (a Fail behind a Choice, so what follows stays reachable). */
  function chain(depth: number, prefix: string): Record<string, StateDefinition> {
    const states = Array.from({ length: int(1, 3) }, () => state(depth));
    const all: Record<string, StateDefinition> = {};
    const done = `${prefix}Done`;
    states.forEach((s, i) => {
      const next = i + 1 < states.length ? `${prefix}${i + 1}` : done;
      if (s.Type === 'Fail') {
        all[`${prefix}${i}`] = {
          Type: 'Choice',
          Choices: [{ Variable: '$', IsPresent: true, Next: `${prefix}${i}F` }],
          Default: next,
        };
        all[`${prefix}${i}F`] = s;
        return;
      }
      const named: StateDefinition = { ...s, Next: next };
      if (s.Catch) named.Catch = s.Catch.map((c) => ({ ...c, Next: next }));
      all[`${prefix}${i}`] = named;
    });
    all[done] = { Type: 'Pass', End: true };
    return all;
  }

  const moves: Move[] = ['ok', 'fail', 'silent', 'late', 'lateFail', 'throw'];
  const timeout = bool() ? int(1, 30) : undefined;
  return {
    definition: {
      StartAt: 'S0',
      States: chain(2, 'S'),
      ...(timeout !== undefined ? { TimeoutSeconds: timeout } : {}),
    },
    input: { items: [1, 2, 3] },
    script: Array.from({ length: int(1, 12) }, () => moves[int(0, moves.length - 1)] as Move),
    stepping: bool(),
    abortAt: r() < 0.3 ? int(0, 20) : null,
  };
}

/** What an engine's library must offer to be driven here. */
export interface EngineUnderTest {
  VirtualClock: new (start?: number) => {
    now(): number;
    setTimeout(fn: () => void, ms: number): unknown;
    clearTimeout(id: unknown): void;
    runNext(): boolean;
  };
  seededRandom(seed?: number): () => number;
  startExecution(
    definition: StateMachineDefinition,
    input: unknown,
    options: Record<string, unknown>,
  ): {
    done: boolean;
    transitions: number;
    result(): unknown;
    step(): boolean;
    stop(error?: string, cause?: string): void;
    currentStates(): string[];
  };
}

/** Runs a case to its end and returns everything observable about the run. */
export function observe(lib: EngineUnderTest, c: ReferenceCase): unknown {
  const clock = new lib.VirtualClock(0);
  const seen: unknown[] = [];
  let i = 0;
  const taskHandler: TaskHandler = (task, cb) => {
    const move = c.script[i++ % c.script.length] ?? 'ok';
    const n = i;
    seen.push(['call', task.stateName, task.input, task.attempt]);
    if (move === 'ok') cb.succeed({ n, s: task.stateName });
    else if (move === 'fail') cb.fail('Boom', `attempt ${n}`);
    else if (move === 'throw') throw new TypeError('bad');
    else if (move === 'late') clock.setTimeout(() => cb.succeed({ late: n }), 500 + (n % 3) * 700);
    else if (move === 'lateFail') clock.setTimeout(() => cb.fail('Late', `n${n}`), 1200);
  };
  const ex = lib.startExecution(c.definition, c.input, {
    clock,
    stepping: c.stepping,
    random: lib.seededRandom(7),
    taskHandler,
    observer: {
      stateEntered: (n: string, t: string, input: unknown) => seen.push(['in', n, t, input]),
      stateExited: (n: string, t: string, output: unknown) => seen.push(['out', n, t, output]),
      retrying: (n: string, e: unknown, cause: unknown, k: number, d: number) =>
        seen.push(['retry', n, e, cause, k, d]),
      caught: (n: string, e: unknown, cause: unknown, next: string) =>
        seen.push(['catch', n, e, cause, next]),
    },
  });
  const states: string[][] = [];
  for (let turn = 0; turn < 3000 && !ex.done; turn++) {
    states.push(ex.currentStates());
    if (c.abortAt !== null && turn === c.abortAt) ex.stop('Op', 'stopped');
    if (ex.step()) continue;
    if (!clock.runNext()) break;
  }
  return { result: ex.result(), states, seen, transitions: ex.transitions };
}

/** A short fingerprint of a JSON value (FNV-1a, 53 bits, as hex). */
export function fingerprint(value: unknown): string {
  const text = JSON.stringify(value);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return ((h2 & 0x1fffff) * 4294967296 + h1).toString(16);
}
