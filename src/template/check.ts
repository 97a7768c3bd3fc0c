import type { LedgerSummary } from '../engine';
import { checkDefinition, createRun, defaultParams, definitionOf, type Pattern } from '../patterns';
import type { TemplateFiles } from './context';
import type { NotSimulated } from './model';
import { TemplateError } from './parse';
import type { Unresolved } from './intrinsics';
import { toPattern } from './toDefinition';
import { importTemplate, type ImportedTemplate, type ImportOptions } from './translate';

/** How far a template runs: every resource simulated, some left out, or not at all. */
export type CheckStatus = 'full' | 'partial' | 'refused';

/** The outcome of importing and briefly running one template. */
export interface TemplateCheck {
  /** What the template was given as (a path, a name). */
  source: string;
  status: CheckStatus;
  /** Why it was refused (with the line, when it is the template's fault). */
  why?: string;
  line?: number;
  simulated: string[];
  notSimulated: NotSimulated[];
  unresolved: Unresolved[];
  /** The ledger at the end of the brief run. */
  ledger?: LedgerSummary;
  /** Every message accounted for: created + deliveries = every fate + in the system. */
  balanced?: boolean;
}

/** Whether every message of a ledger is in exactly one place. */
export function ledgerBalances(l: LedgerSummary): boolean {
  const dropped = Object.values(l.dropped).reduce((a, b) => a + (b ?? 0), 0);
  return (
    l.created + l.deliveries === l.completed + l.deadLettered + dropped + l.fannedOut + l.inSystem
  );
}

const NOTHING_MODELLED =
  'nothing in it has a model (no function, queue, topic, bus, state machine, API or store)';

/**
 * Why an imported template has nothing to run (a sentence for the reader), or undefined when
 * something in it has a model.
 */
function nothingToRun(imported: ImportedTemplate): string | undefined {
  if ([...imported.arch.nodes.values()].some((n) => n.kind !== 'opaque' && n.kind !== 'user'))
    return undefined;
  const types = [...new Set(imported.resources.notSimulated.map((n) => n.type))];
  return `Nothing in ${imported.file} can be simulated: ${NOTHING_MODELLED}${
    types.length > 0 ? `; it has ${types.slice(0, 5).join(', ')}${types.length > 5 ? '…' : ''}` : ''
  }.`;
}

/** Imports a template and makes its pattern, checked by the kit's schema (throws when refused). */
export function templatePattern(
  files: TemplateFiles,
  options: ImportOptions = {},
): { imported: ImportedTemplate; pattern: Pattern } {
  const imported = importTemplate(files, options);
  const nothing = nothingToRun(imported);
  if (nothing) throw new Error(nothing);
  const pattern = toPattern(imported);
  const problems = checkDefinition(definitionOf(pattern));
  if (problems.length > 0)
    throw new Error(
      `the imported definition is invalid: ${problems
        .slice(0, 3)
        .map((p) => `${p.path}: ${p.message}`)
        .join('; ')}`,
    );
  return { imported, pattern };
}

/**
 * Imports `files`, runs the result for `durationS` simulated seconds and says how far it got.
 * Never throws: a template that cannot be read or run is `refused` with why.
 */
export function checkTemplate(
  files: TemplateFiles,
  source: string,
  options: ImportOptions & { durationS?: number; seed?: number } = {},
): TemplateCheck {
  let imported: ImportedTemplate;
  let pattern: Pattern;
  try {
    const only = importTemplate(files, options);
    if (nothingToRun(only)) {
      const r = only.resources;
      return {
        source,
        status: 'refused',
        why: NOTHING_MODELLED,
        simulated: r.simulated,
        notSimulated: r.notSimulated,
        unresolved: r.unresolved,
      };
    }
    ({ imported, pattern } = templatePattern(files, options));
  } catch (e) {
    const line = e instanceof TemplateError ? e.line : undefined;
    return {
      source,
      status: 'refused',
      why: (e as Error).message,
      ...(line === undefined ? {} : { line }),
      simulated: [],
      notSimulated: [],
      unresolved: [],
    };
  }
  const r = imported.resources;
  const base = {
    source,
    simulated: r.simulated,
    notSimulated: r.notSimulated,
    unresolved: r.unresolved,
  };
  try {
    const run = createRun(pattern, defaultParams(pattern), { seed: options.seed ?? 1 });
    run.advanceTo((options.durationS ?? 20) * 1000);
    const ledger = run.world.ledger.summary();
    const balanced = ledgerBalances(ledger);
    if (!balanced)
      return {
        ...base,
        status: 'refused',
        why: 'the run lost track of a message (ledger out of balance)',
        ledger,
        balanced,
      };
    return { ...base, status: r.notSimulated.length === 0 ? 'full' : 'partial', ledger, balanced };
  } catch (e) {
    return { ...base, status: 'refused', why: `the run failed: ${(e as Error).message}` };
  }
}
