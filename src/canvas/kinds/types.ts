import type { ComponentType, ReactElement } from 'react';
import type { NodeRole, ServiceKind } from '../../patterns';

/** A node's live numbers by stat key, as its model reports them (keys may be missing). */
export type Stats = Readonly<Record<string, number>>;

/** A pile of messages at rest in a node (see `Pile`). */
export interface PileSpec {
  /** Messages drawn as filled marks. */
  n: number;
  /** Messages drawn as hollow marks after them (received but not yet done with). */
  hollow?: number;
  tone: 'waiting' | 'parked';
  /** What the marks are, after the count: "messages waiting". */
  label: string;
}

/** What a kind's badges are drawn from. */
export interface BadgesProps {
  /** Test ids name the number a reader looks at: `<nodeId>-<stat key>`. */
  nodeId: string;
  stats: Stats;
  /** What the node is for, where its kind alone does not say (a dead-letter queue). */
  role?: NodeRole | undefined;
  /** The kind's category colour (meters fill with it). */
  colour: string;
}

/**
 * How the view draws one kind of service, in the spirit of tldraw's ShapeUtil: everything the
 * canvas and the panels need to know about a kind lives in its module in this folder, and they
 * read it through `kindView(kind)` instead of switching on the kind.
 */
export interface KindView<K extends ServiceKind = ServiceKind> {
  kind: K;
  /** The service as a reader knows it, shown small above the node's own label ("Amazon SQS"). */
  serviceName: string;
  /** AWS's category colour: the icon's tile, the card's accent, the meters. */
  colour: string;
  /** The icon's glyph: white strokes on the colour tile, in a 24 × 24 box. */
  glyph: ReactElement;
  /** Card width at zoom 1, in px (the layout sizes its columns from it). */
  width: number;
  /**
   * The tallest the card gets at zoom 1, in px, with every optional line showing: the layout keeps
   * the next card of its column at least this far below it.
   */
  height: number;
  /** The live numbers under the card's title. */
  Badges: ComponentType<BadgesProps>;
  /**
   * The card's one number when it is shown compact (too small for its badges): "42 waiting",
   * "12 runs", or null for a kind with nothing to count.
   */
  headline(stats: Stats, role?: NodeRole): string | null;
  /**
   * A number that grows when something goes wrong (errors, throttles, messages lost or parked):
   * each time it grows, the card flashes red.
   */
  alarm(stats: Stats, role?: NodeRole): number;
  /**
   * Messages resting in this node, drawn as a pile of marks under its badges (a queue's backlog, a
   * dead-letter queue's parked messages): null when the kind holds none. Lost messages need no
   * entry here: every card piles its graveyard.
   */
  pile?(stats: Stats, role?: NodeRole): PileSpec | null;
  /** Stat keys that read better spelled out in the details panel than generated from the key. */
  statLabels?: Readonly<Record<string, string>>;
  /**
   * Title the node's group in the parameters panel "label · sublabel" (the client's sublabel says
   * what it does: "User · Make payment"); otherwise the label alone.
   */
  sublabelInGroupTitle?: boolean;
}
