/** Dot colours by HopKind (neutral, success, retry, failure, filtered), for light and dark. */
export const DOT_COLOURS = {
  light: ['#475569', '#16a34a', '#d97706', '#dc2626', '#a1a1aa'],
  dark: ['#cbd5e1', '#4ade80', '#fbbf24', '#f87171', '#71717a'],
} as const;

/** What each dot colour means, for the legend. */
export const DOT_LEGEND = [
  'in flight',
  'succeeded',
  'retried',
  'failed / dead-lettered',
  'filtered out',
] as const;
