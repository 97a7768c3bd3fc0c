import { catalog, catalogEntry, loadPattern } from '../patterns/catalog';
import { parseLocation, type AppLocation } from '../state';

/**
 * Reads the address and loads only the pattern it names (or the first one): its definition,
 * handlers and service kinds. The other patterns, the rule engines and the workflow interpreter
 * stay on the server until a reader opens a pattern that uses them.
 */
export async function loadLocation(search: string): Promise<AppLocation> {
  const wanted = new URLSearchParams(search).get('pattern')?.trim() ?? '';
  const first = catalog[0];
  if (!first) throw new Error('no patterns registered');
  const entry = catalogEntry(wanted) ?? first;
  const pattern = await loadPattern(entry);
  return parseLocation(search, [pattern], catalog);
}
