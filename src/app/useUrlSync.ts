import { useEffect } from 'react';
import { searchOf, type Simulator } from '../state';

/** Keeps the address bar on `?pattern=...&<changed params>&seed=n[&speed=x][&t=s]` (replaceState). */
export function useUrlSync(sim: Simulator): void {
  useEffect(() => {
    let last = '';
    const write = () => {
      const search = searchOf(sim.store.getState(), false);
      if (search === last) return;
      last = search;
      if (window.location.search !== search) window.history.replaceState(null, '', search);
    };
    write();
    return sim.store.subscribe((state, previous) => {
      if (
        state.pattern !== previous.pattern ||
        state.params !== previous.params ||
        state.seed !== previous.seed ||
        state.rules !== previous.rules ||
        state.speed !== previous.speed ||
        state.status !== previous.status ||
        (state.status !== 'running' && state.live !== previous.live)
      )
        write();
    });
  }, [sim]);
}
