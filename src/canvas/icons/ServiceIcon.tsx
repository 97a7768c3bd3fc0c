import type { ServiceKind } from '../../patterns';
import { kindView } from '../kinds';

/**
 * A service's icon: a rounded tile in its AWS category colour with the kind's white glyph (the
 * project's own simple glyphs, not AWS's icon set).
 */
export function ServiceIcon({ kind, size = 36 }: { kind: ServiceKind; size?: number }) {
  const view = kindView(kind);
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" className="shrink-0">
      <rect width="24" height="24" rx="5" fill={view.colour} />
      <g
        transform="translate(3.6 3.6) scale(0.7)"
        fill="none"
        stroke="#fff"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {view.glyph}
      </g>
    </svg>
  );
}
