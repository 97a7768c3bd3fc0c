/** The benchmarks beyond the engine, each printing its own lines. */
export interface ExtraBench {
  name: string;
  title: string;
  run(): Promise<string[]>;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export const extras: ExtraBench[] = [
  {
    name: 'firstLoad',
    title:
      'First load: gzip KB of JavaScript before first interaction (from dist/, built if missing)',
    run: async () => {
      const { firstLoadLines } = await import('./firstLoad');
      return firstLoadLines(process.argv.includes('--build'));
    },
  },
  {
    name: 'stepBack',
    title: 'Step back: replay from the seed to the previous visible event (message-decoupling-sqs)',
    run: async () => (await import('./stepBack')).benchStepBack(),
  },
  {
    name: 'eventPatterns',
    title: 'EventBridge event patterns: 20 rules, ~1 KB events',
    run: async () => {
      const { runEventPatternBenchmark } = await import('../src/aws/eventPatterns/bench');
      const r = runEventPatternBenchmark(() => performance.now(), 2000);
      return [
        `${fmt(r.matchesPerSecond)} matches/s (one rule against one event; target >= 1,000,000)`,
        `${fmt(r.eventsPerSecond)} events/s against all ${r.rules} rules (mean event ${Math.round(r.averageEventBytes)} bytes, ${fmt(r.hits)} hits)`,
      ];
    },
  },
  {
    name: 'stepFunctions',
    title: 'Step Functions: state transitions of a 10-state workflow (Pass, Choice, Task)',
    run: async () => {
      const { benchStateTransitions } = await import('../src/aws/stepFunctions/bench');
      const { benchReference } = await import('./engine');
      const now = () => performance.now();
      // The bare loop in this run, best of three, after a JIT warm-up: the yardstick.
      benchReference();
      const bare = Math.max(...[0, 1, 2].map(() => benchReference().eventsPerS));
      const figures = [
        ['history off', benchStateTransitions(now, 2000, { history: false })],
        ['history on', benchStateTransitions(now, 2000, { history: true })],
        [
          'history off, one pass per execution (start-up included)',
          benchStateTransitions(now, 2000, { history: false, rounds: 1 }),
        ],
      ] as const;
      return [
        `bare event loop in this run: ${fmt(bare)} events/s`,
        ...figures.map(
          ([label, perS]) =>
            `${label.padEnd(56)}: ${fmt(perS).padStart(11)} transitions/s = ${((perS / bare) * 100).toFixed(1)}% of the bare loop`,
        ),
        'target: at least 3% of the bare loop with history off',
      ];
    },
  },
  {
    name: 'patterns',
    title: 'Patterns: headless throughput (busier than the defaults: 200 msg/s)',
    run: async () => (await import('./patterns')).benchPatterns(),
  },
  {
    name: 'sqsMemory',
    title: 'SQS: bytes per waiting message (1,000,000 messages, nobody consuming)',
    run: async () => {
      // A forced GC gives a clean figure: run it in a child Node with --expose-gc.
      const { execFileSync } = await import('node:child_process');
      const out = execFileSync(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', 'bench/sqsMemory.ts'],
        { encoding: 'utf8' },
      );
      return out.trim().split('\n');
    },
  },
  {
    name: 'patternMemory',
    title: 'Patterns: memory of a whole run with a 3-million-message backlog',
    run: async () => {
      const { execFileSync } = await import('node:child_process');
      const out = execFileSync(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', 'bench/patternMemory.ts'],
        { encoding: 'utf8' },
      );
      return out.trim().split('\n');
    },
  },
  {
    name: 'browser',
    title: 'Browser: frames per second of the message layer (headless Chromium)',
    run: async () => (await import('./browser')).benchBrowser(),
  },
];
