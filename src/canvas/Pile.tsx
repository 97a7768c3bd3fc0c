import { memo } from 'react';
import { formatCount } from './format';
import { PILE_CAP, pileMarks } from './pile';

const MARK = 5;
const GAP = 1.5;
const PER_ROW = 22;

/** What a pile holds, and how its marks look. */
export type PileTone = 'waiting' | 'parked' | 'lost';

/**
 * Messages at rest, drawn as marks that pile up: a queue's backlog (filled) and the messages
 * received but not yet deleted (hollow), a dead-letter queue's parked messages, a node's lost ones.
 * One mark per message up to a cap, then a log scale (see `pileMarks`); the marks fill rows from
 * the bottom, so the pile visibly grows and drains before any number is read.
 */
export const Pile = memo(function Pile({
  n,
  hollow = 0,
  tone,
  colour,
  label,
  testId,
  rows = 4,
}: {
  /** Messages in the pile (filled marks). */
  n: number;
  /** Messages beside it drawn hollow (a queue's in-flight messages). */
  hollow?: number;
  tone: PileTone;
  colour: string;
  /** What the pile holds, after its count, for the title and screen readers ("messages waiting"). */
  label: string;
  testId?: string;
  /** Rows of marks: the pile's fixed height, so a card keeps its size as its pile grows. */
  rows?: number;
}) {
  const room = rows * PER_ROW;
  const cap = Math.min(PILE_CAP, Math.floor(room / 2));
  const perDecade = Math.max(2, Math.round((room - cap) / 4));
  const filled = pileMarks(n, cap, perDecade, room);
  const open = Math.max(0, pileMarks(n + hollow, cap, perDecade, room) - filled);
  const total = filled + open;
  const width = PER_ROW * (MARK + GAP) - GAP;
  const height = rows * (MARK + GAP) - GAP;
  const marks = [];
  for (let i = 0; i < total; i++) {
    const row = Math.floor(i / PER_ROW);
    const x = (i % PER_ROW) * (MARK + GAP);
    const y = height - MARK - row * (MARK + GAP);
    if (tone === 'lost')
      marks.push(
        <path
          key={i}
          d={`M${x + 0.8} ${y + 0.8}l${MARK - 1.6} ${MARK - 1.6}m0 ${-(MARK - 1.6)}l${-(MARK - 1.6)} ${MARK - 1.6}`}
          stroke={colour}
          strokeWidth="1.4"
          strokeLinecap="round"
        />,
      );
    else if (i < filled)
      marks.push(<rect key={i} x={x} y={y} width={MARK} height={MARK} rx="1" fill={colour} />);
    else
      marks.push(
        <rect
          key={i}
          x={x + 0.5}
          y={y + 0.5}
          width={MARK - 1}
          height={MARK - 1}
          rx="1"
          fill="none"
          stroke={colour}
          strokeWidth="1"
        />,
      );
  }
  const scale =
    n + hollow > cap
      ? `one mark per message up to ${cap}, then a log scale`
      : 'one mark per message';
  return (
    <svg
      className="pile"
      data-tone={tone}
      data-testid={testId}
      data-marks={total}
      width="100%"
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="xMinYMax meet"
      role="img"
      aria-label={`${formatCount(n)} ${label} (${scale})`}
    >
      <title>{`${formatCount(n)} ${label}: ${scale}`}</title>
      {marks}
    </svg>
  );
});
