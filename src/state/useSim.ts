import { useContext } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { Simulator } from './createSimulator';
import { SimContext } from './SimContext';
import type { SimState } from './simStore';

/** The simulator of the surrounding provider (its actions, run and buffers). */
export function useSimulator(): Simulator {
  const simulator = useContext(SimContext);
  if (!simulator) throw new Error('useSimulator: no <SimProvider> above this component');
  return simulator;
}

/** Selects from the simulator's store; re-renders when the selected value changes. */
export function useSim<T>(selector: (state: SimState) => T): T {
  return useStore(useSimulator().store, selector);
}

/** Like useSim, for selectors that build a new object or array (shallow comparison). */
export function useSimShallow<T>(selector: (state: SimState) => T): T {
  return useStore(useSimulator().store, useShallow(selector));
}
