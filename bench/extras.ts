/** The benchmarks beyond the engine, each printing its own lines. */
export interface ExtraBench {
  name: string;
  title: string;
  run(): Promise<string[]>;
}

export const extras: ExtraBench[] = [
  {
    name: 'browser',
    title: 'Browser: frames per second of the message layer (headless Chromium)',
    run: async () => (await import('./browser')).benchBrowser(),
  },
];
