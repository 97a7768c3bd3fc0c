import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Comparison, ComparisonState } from '../../state';

/** The comparison of the compare view, given to its components. */
export const ComparisonContext = createContext<Comparison | null>(null);

/** The comparison of the surrounding provider. */
export function useComparison(): Comparison {
  const cmp = useContext(ComparisonContext);
  if (!cmp) throw new Error('useComparison: no ComparisonContext.Provider above this component');
  return cmp;
}

/** Selects from the comparison's own store (status, speed, seed, table). */
export function useComparisonState<T>(selector: (state: ComparisonState) => T): T {
  return useStore(useComparison().store, selector);
}
