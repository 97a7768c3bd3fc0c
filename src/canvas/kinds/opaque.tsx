import { Counts } from './parts';
import type { BadgesProps, KindView } from './types';

function OpaqueBadges(p: BadgesProps) {
  return (
    <Counts
      p={p}
      cells={[
        {
          k: 'refused',
          label: 'not simulated',
          title: 'This resource has no model; nothing in the run reaches it',
        },
      ]}
    />
  );
}

/** A resource without a model (from an imported template): drawn greyed, with its type. */
export const opaqueView: KindView<'opaque'> = {
  kind: 'opaque',
  serviceName: 'Not simulated',
  colour: '#7D8998',
  glyph: (
    <>
      <rect x="4" y="4" width="16" height="16" rx="2" strokeDasharray="3 2" />
      <path d="M10 10a2 2 0 1 1 2 2v1.5M12 16.5v.5" />
    </>
  ),
  width: 176,
  height: 100,
  Badges: OpaqueBadges,
  headline: () => null,
  alarm: () => 0,
};
