import type { ReactNode } from 'react';

/**
 * A small line icon on a 24×24 grid, drawn in the current text colour. The interface icons are
 * the project's own paths; this holds the SVG settings they share.
 */
export function StrokeIcon({
  size = 16,
  strokeWidth = 2,
  className,
  children,
}: {
  size?: number;
  strokeWidth?: number;
  className?: string;
  children: ReactNode;
}) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={strokeWidth}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      className={className}
    >
      {children}
    </svg>
  );
}
