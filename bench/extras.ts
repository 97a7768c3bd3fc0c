/** The benchmarks beyond the engine, each printing its own lines. */
export interface ExtraBench {
  name: string;
  title: string;
  run(): Promise<string[]>;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export const extras: ExtraBench[] = [
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
    title: 'Step Functions: state transitions of a 10-state workflow',
    run: async () => {
      const { benchStateTransitions } = await import('../src/aws/stepFunctions/bench');
      const perS = benchStateTransitions(() => performance.now(), 2000);
      return [`${fmt(perS)} transitions/s (target >= 100,000)`];
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
