import { loadKinds } from '../kit';
import { LINK_DEFINITION_KEYS } from '../kit/linkKeys';
import { catalog, catalogEntry, loadPattern, type CatalogEntry } from '../patterns/catalog';
import type { Pattern } from '../patterns';
import {
  compareSideSearches,
  joinCompareSides,
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
  const { pattern, errors } = await loadAddressedPattern(search);
  const location = await readLocation(search, pattern);
  location.errors.unshift(...errors);
  return location;
}

/**
 * Loads the pattern an address shows: an imported architecture (`template=`, its reader and the
 * kinds it uses loaded with it), else the pattern it names (`pattern=`), else the first one.
 */
export async function loadAddressedPattern(
  search: string,
): Promise<{ pattern: Pattern; errors: string[] }> {
  if (!new URLSearchParams(search).has(LINK_DEFINITION_KEYS.template))
    return { pattern: await loadNamedPattern(search), errors: [] };
  const { patternsFromSearch } = await import('../state/templateLink');
  const linked = patternsFromSearch(search, []);
  const imported = linked.patterns[0];
  if (!imported) return { pattern: await loadNamedPattern(search), errors: linked.errors };
  await loadKinds(imported.nodes.map((node) => node.kind));
  return { pattern: imported, errors: [] };
}

/** Loads the pattern an address names (`pattern=`), or the first one when it names none known. */
export function loadNamedPattern(search: string): Promise<Pattern> {
  return loadPattern(entryOrFirst(new URLSearchParams(search).get('pattern')?.trim() ?? ''));
}

/** Reads an address against its loaded pattern, and an imported workflow (`asl=`) if it has one. */
export async function readLocation(search: string, pattern: Pattern): Promise<AppLocation> {
  // The loaded pattern may be an imported one, not in the catalog.
  const known = catalogEntry(pattern.id) ? catalog : [...catalog, pattern];
  if (!new URLSearchParams(search).has(LINK_DEFINITION_KEYS.asl))
    return parseLocation(search, [pattern], known);
  // The imported workflow replaces its pattern; a bad one is reported, the rest applies.
  const { patternsWithLink } = await import('../state/aslLink');
  const linked = patternsWithLink(search, [pattern]);
  const location = parseLocation(search, linked.patterns, known);
  location.errors.unshift(...linked.errors);
  return location;
}

/**
 * Reads a compare address, loading what each side needs: the pattern it names (unknown ones: the
 * first), or the imported architecture or workflow it carries (`template=`, `asl=`, shared or
 * `a.`/`b.` per side), exactly as a single pattern's address would load it.
 */
export async function loadCompareLocation(search: string): Promise<CompareLocation> {
  const searches = compareSideSearches(search);
  const [a, b] = await Promise.all([loadLocation(searches.a), loadLocation(searches.b)]);
  return joinCompareSides({ a, b }, searches.errors);
}

function entryOrFirst(id: string): CatalogEntry {
  const first = catalog[0];
  if (!first) throw new Error('no patterns registered');
  return catalogEntry(id) ?? first;
}
