/**
 * Dot colours by HopKind (in flight, success, retry, failure, filtered), for light and dark. In
 * flight is a saturated blue, far from the grey of the edges it travels, so a dot never reads as
 * part of its line.
 */
export const DOT_COLOURS = {
  light: ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#a1a1aa'],
  dark: ['#60a5fa', '#4ade80', '#fbbf24', '#f87171', '#71717a'],
} as const;

/**
 * Responses (travelling back along a synchronous call, drawn as arrowheads on their own lane):
 * the same meaning per kind, in a darker or lighter shade so the two directions part at a glance.
 */
export const RESPONSE_COLOURS = {
  light: ['#7c3aed', '#15803d', '#b45309', '#b91c1c', '#71717a'],
  dark: ['#c4b5fd', '#86efac', '#fcd34d', '#fca5a5', '#a1a1aa'],
} as const;

/** The thin ring around each dot: the canvas colour, so dots stand off their edges. */
export const DOT_HALO = { light: '#f8f9fb', dark: '#0c121d' } as const;

/** What each dot colour means, for the legend. */
export const DOT_LEGEND = [
  'in flight',
  'succeeded',
  'retried',
  'failed / dead-lettered',
  'filtered out',
] as const;
