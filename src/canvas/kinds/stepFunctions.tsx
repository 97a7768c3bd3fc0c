import { Counts, sumOf, countPhrase } from './parts';
import type { BadgesProps, KindView } from './types';

function StateMachineBadges(p: BadgesProps) {
  return (
    <>
      <Counts
        p={p}
        cells={[
          { k: 'started', label: 'started', title: 'Executions started' },
          { k: 'running', label: 'running', title: 'Executions running now' },
        ]}
      />
      <Counts
        p={p}
        cells={[
          { k: 'succeeded', label: 'succeeded', title: 'Executions that succeeded' },
          { k: 'failed', label: 'failed', alert: true, title: 'Executions that failed' },
        ]}
      />
    </>
  );
}

/** A Step Functions state machine: its executions, running and ended. */
export const stepFunctionsView: KindView<'stepFunctions'> = {
  kind: 'stepFunctions',
  serviceName: 'AWS Step Functions',
  colour: '#E7157B',
  glyph: (
    <>
      <rect x="9" y="3.5" width="6" height="4.5" rx="1" />
      <rect x="3.5" y="16" width="6" height="4.5" rx="1" />
      <rect x="14.5" y="16" width="6" height="4.5" rx="1" />
      <path d="M12 8v4M6.5 16v-2.5h11V16" />
    </>
  ),
  width: 176,
  height: 125,
  Badges: StateMachineBadges,
  headline: (stats) => countPhrase(stats, 'running', 'running'),
  alarm: (stats) => sumOf(stats, 'failed'),
};
