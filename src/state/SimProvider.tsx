import type { ReactNode } from 'react';
import type { Simulator } from './createSimulator';
import { SimContext } from './SimContext';

/** Gives a simulator instance to the components below it. */
export function SimProvider({
  simulator,
  children,
}: {
  simulator: Simulator;
  children: ReactNode;
}) {
  return <SimContext.Provider value={simulator}>{children}</SimContext.Provider>;
}
