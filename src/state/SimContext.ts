import { createContext } from 'react';
import type { Simulator } from './createSimulator';

/** The simulator instance of the surrounding diagram (like xyflow's store context). */
export const SimContext = createContext<Simulator | null>(null);
