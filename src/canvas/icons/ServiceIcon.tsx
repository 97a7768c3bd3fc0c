import type { ReactElement } from 'react';
import type { ServiceKind } from '../../patterns';
import { CATEGORY_COLOUR } from '../serviceStyle';

// The project's own simple glyphs (not AWS's icon set): white strokes on a tile of the category colour.
const GLYPHS: Record<ServiceKind, ReactElement> = {
  user: (
    <>
      <circle cx="12" cy="8.5" r="3.5" />
      <path d="M5 19.5c.8-3.6 3.6-5.5 7-5.5s6.2 1.9 7 5.5" />
    </>
  ),
  apiGateway: (
    <>
      <path d="M8.5 5.5 4 12l4.5 6.5" />
      <path d="M15.5 5.5 20 12l-4.5 6.5" />
      <path d="M9.5 12h5" />
      <path d="m12.5 10 2 2-2 2" />
    </>
  ),
  lambda: <path d="M6.5 19.5 11 11 8 4.5H6M11 11l4 8.5h3" />,
  ec2: (
    <>
      <rect x="7" y="7" width="10" height="10" rx="1.5" />
      <path d="M10 4v3M14 4v3M10 17v3M14 17v3M4 10h3M4 14h3M17 10h3M17 14h3" />
    </>
  ),
  sqs: (
    <>
      <rect x="3.5" y="8" width="4" height="8" rx="1" />
      <rect x="10" y="8" width="4" height="8" rx="1" />
      <rect x="16.5" y="8" width="4" height="8" rx="1" />
      <path d="M3 19.5h18" />
    </>
  ),
  sns: (
    <>
      <circle cx="7" cy="12" r="2.2" />
      <path d="M10.5 8.5 18 5M10.5 15.5 18 19M10.5 12H19" />
      <circle cx="19" cy="5" r="1" />
      <circle cx="19.5" cy="12" r="1" />
      <circle cx="19" cy="19" r="1" />
    </>
  ),
  eventBridge: (
    <>
      <path d="M4 12h16" />
      <circle cx="12" cy="12" r="2.5" />
      <path d="M7 7.5 9.5 10M17 7.5 14.5 10M7 16.5 9.5 14M17 16.5 14.5 14" />
    </>
  ),
  stepFunctions: (
    <>
      <rect x="9" y="3.5" width="6" height="4.5" rx="1" />
      <rect x="3.5" y="16" width="6" height="4.5" rx="1" />
      <rect x="14.5" y="16" width="6" height="4.5" rx="1" />
      <path d="M12 8v4M6.5 16v-2.5h11V16" />
    </>
  ),
  aurora: (
    <>
      <ellipse cx="12" cy="6" rx="7" ry="2.5" />
      <path d="M5 6v12c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5V6" />
      <path d="M5 12c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5" />
    </>
  ),
  email: (
    <>
      <rect x="3.5" y="6" width="17" height="12" rx="1.5" />
      <path d="m4 7 8 6 8-6" />
    </>
  ),
};

/** A service's icon: a rounded tile in its AWS category colour with a white glyph. */
export function ServiceIcon({ kind, size = 36 }: { kind: ServiceKind; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" className="shrink-0">
      <rect width="24" height="24" rx="5" fill={CATEGORY_COLOUR[kind]} />
      <g
        transform="translate(3.6 3.6) scale(0.7)"
        fill="none"
        stroke="#fff"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {GLYPHS[kind]}
      </g>
    </svg>
  );
}
