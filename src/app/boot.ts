import { catalog, catalogEntry, loadPattern } from '../patterns/catalog';
import { LINK_DEFINITION_KEYS } from '../kit/linkCodec';
import {
  parseCompareLocation,
  parseLocation,
  type AppLocation,
  type CompareLocation,
} from '../state';

/**
 * Reads the address and loads only the pattern it names (or the first one): its definition,
 * handlers and service kinds. The other patterns, the rule engines and the workflow interpreter
 * stay on the server until a reader opens a pattern that uses them.
 */
export async function loadLocation(search: string): Promise<AppLocation> {
  const wanted = new URLSearchParams(search).get('pattern')?.trim() ?? '';
  const pattern = await loadPattern(entryOrFirst(wanted));
  if (!new URLSearchParams(search).has(LINK_DEFINITION_KEYS.asl))
    return parseLocation(search, [pattern], catalog);
  // An imported workflow (`asl=`) replaces its pattern; a bad one is reported, the rest applies.
  const { patternsWithLink } = await import('../state/aslLink');
  const linked = patternsWithLink(search, [pattern]);
  const location = parseLocation(search, linked.patterns, catalog);
  location.errors.unshift(...linked.errors);
  return location;
}

/** Reads a compare address, loading the two patterns it names (unknown ones: the first). */
export async function loadCompareLocation(search: string): Promise<CompareLocation> {
  const query = new URLSearchParams(search);
  const a = query.get('compare')?.trim() ?? '';
  const b = query.get('vs')?.trim() || a;
  const loaded = await Promise.all([...new Set([a, b])].map((id) => loadPattern(entryOrFirst(id))));
  return parseCompareLocation(search, loaded, catalog);
}

function entryOrFirst(id: string) {
  const first = catalog[0];
  if (!first) throw new Error('no patterns registered');
  return catalogEntry(id) ?? first;
}
