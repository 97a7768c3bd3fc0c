import { useEffect } from 'react';
import { buildSearch, templateSearchPart, type Simulator } from '../state';

/** Keeps the address bar on `?pattern=...&<changed params>&seed=n` (history.replaceState). */
export function useUrlSync(sim: Simulator): void {
  useEffect(() => {
    let last = '';
    const write = () => {
      const { pattern, params, seed, rules } = sim.store.getState();
      const imported = templateSearchPart(pattern.id);
      const search = buildSearch(pattern, params, seed, rules) + (imported ? `&${imported}` : '');
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
        state.rules !== previous.rules
      )
        write();
    });
  }, [sim]);
}
