/** How the compare view draws the two sides: A solid, B dashed, each with its letter. */
export const SIDES = [
  { key: 'a', letter: 'A', dash: undefined, swatch: 'solid' },
  { key: 'b', letter: 'B', dash: [6, 4], swatch: 'dashed' },
] as const;
