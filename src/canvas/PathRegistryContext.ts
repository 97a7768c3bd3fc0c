import { createContext } from 'react';
import { PathRegistry } from './pathRegistry';

/** The edge paths of the surrounding diagram, shared by the edges (writers) and the dot layer. */
export const PathRegistryContext = createContext<PathRegistry>(new PathRegistry());
