/**
 * `npm run sim -- template <file or folder>... [--set p=v]... [--duration s] [--seed n] [--json]`
 * runs an imported SAM or CloudFormation template as the patterns run; `--check` runs each of
 * several briefly and says how far each got (simulated in full, in part, refused) with totals.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { createRun, resolveParams } from '../patterns';
import { checkTemplate, templatePattern, type TemplateCheck } from '../template/check';
import type { TemplateFiles } from '../template';
import { parseArgs, UsageError } from './args';
import { formatSummary } from './format';
import { stateMachineStats, summaryJson } from './runOutput';

const TEXT = /\.(ya?ml|json|asl|template|txt)$/i;
const MAX_FILES = 400;

/** The files of a folder (text files that a template may name), by path relative to it. */
export function readFolder(root: string): TemplateFiles {
  const files: TemplateFiles = {};
  let count = 0;
  const walk = (dir: string, depth: number) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || name === 'node_modules' || count >= MAX_FILES) continue;
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) {
        if (depth < 4) walk(path, depth + 1);
      } else if (TEXT.test(name) && st.size < 2_000_000) {
        files[relative(root, path).split('\\').join('/')] = readFileSync(path, 'utf8');
        count++;
      }
    }
  };
  walk(root, 0);
  return files;
}

/** A path given on the command line as files and the template among them. */
function load(path: string): { files: TemplateFiles; main?: string; name: string } {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new UsageError(`no such file or folder: ${path}`, false);
  }
  if (st.isDirectory()) return { files: readFolder(path), name: basename(path) };
  const files = readFolder(dirname(path));
  files[basename(path)] = readFileSync(path, 'utf8');
  const own = basename(path).replace(/\.[^.]+$/, '');
  return {
    files,
    main: basename(path),
    name: /^(template|sam-template)$/i.test(own) ? basename(dirname(path)) : own,
  };
}

/**
 * A template file or folder given on the command line as a runnable pattern, with what it left
 * out. Throws a UsageError that names the line for a broken template.
 */
export function importTemplatePath(path: string): ReturnType<typeof templatePattern> {
  const { files, main, name } = load(path);
  try {
    return templatePattern(files, { name, ...(main ? { main } : {}) });
  } catch (e) {
    throw new UsageError((e as Error).message, false);
  }
}

/** The template subcommand; returns the exit status. */
export function templateMain(argv: string[], print: (text: string) => void): number {
  const paths: string[] = [];
  const rest: string[] = [];
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--check') check = true;
    else if (['--set', '--duration', '--seed', '--warmup'].includes(a))
      rest.push(a, argv[++i] ?? '');
    else if (a.startsWith('-')) rest.push(a);
    else paths.push(a);
  }
  const args = parseArgs(rest);
  if (paths.length === 0) throw new UsageError('which template? (a file or a folder)');
  if (check)
    return checkMain(
      paths,
      args.json,
      argv.includes('--duration') ? args.durationS : 20,
      args.seed,
      print,
    );
  if (paths.length > 1) throw new UsageError('one template at a time (or --check for several)');
  const { imported, pattern } = importTemplatePath(paths[0] as string);
  const { values, errors } = resolveParams(pattern, args.sets);
  if (errors.length > 0) throw new UsageError(errors.map((e) => e.message).join('\n'), false);
  const run = createRun(pattern, values, { seed: args.seed, warmUpMs: args.warmUpS * 1000 });
  run.advanceTo(args.durationS * 1000);
  const summary = run.summary();
  const resources = {
    simulated: imported.resources.simulated,
    notSimulated: imported.resources.notSimulated,
    unresolved: imported.resources.unresolved,
  };
  // The same numbers, per-state counts included, as `npm run sim -- <pattern> --json` prints.
  const states = stateMachineStats(run, pattern);
  if (args.json)
    print(
      JSON.stringify(
        { ...summaryJson(summary, states), template: imported.file, resources },
        null,
        2,
      ),
    );
  else {
    print(formatSummary(summary, pattern, states));
    print(formatResources(resources));
  }
  return 0;
}

function formatResources(r: {
  simulated: string[];
  notSimulated: TemplateCheck['notSimulated'];
  unresolved: TemplateCheck['unresolved'];
}): string {
  const lines = [`\nResources simulated (${r.simulated.length}): ${r.simulated.join(', ')}`];
  if (r.notSimulated.length) {
    lines.push(`Not simulated (${r.notSimulated.length}):`);
    for (const n of r.notSimulated)
      lines.push(`  ${n.id} (${n.type})${n.line ? ` line ${n.line}` : ''}: ${n.why}`);
  }
  if (r.unresolved.length) {
    lines.push(`Unresolved (${r.unresolved.length}):`);
    for (const u of r.unresolved) lines.push(`  ${u.path}: ${u.what} (${u.why})`);
  }
  return lines.join('\n');
}

/** Expands each path: a folder of template folders is each of its folders. */
function templateSources(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`no such file or folder: ${p}`, false);
    }
    if (!st.isDirectory()) {
      out.push(p);
      continue;
    }
    const own = readdirSync(p).some(
      (n) => /\.(ya?ml|json)$/i.test(n) && /^(template|sam-template)\./i.test(n),
    );
    if (own) out.push(p);
    else
      for (const n of readdirSync(p).sort())
        if (!n.startsWith('.') && statSync(join(p, n)).isDirectory()) out.push(join(p, n));
  }
  return out;
}

function checkMain(
  paths: string[],
  json: boolean,
  durationS: number,
  seed: number,
  print: (t: string) => void,
): number {
  const results: TemplateCheck[] = [];
  for (const source of templateSources(paths)) {
    const { files, main, name } = load(source);
    results.push(
      checkTemplate(files, source, { durationS, seed, name, ...(main ? { main } : {}) }),
    );
  }
  const totals = {
    templates: results.length,
    full: results.filter((r) => r.status === 'full').length,
    partial: results.filter((r) => r.status === 'partial').length,
    refused: results.filter((r) => r.status === 'refused').length,
    unbalanced: results.filter((r) => r.balanced === false).length,
  };
  if (json) {
    print(JSON.stringify({ totals, templates: results }, null, 2));
    return 0;
  }
  for (const r of results) {
    if (r.status === 'full') print(`✓ full     ${r.source} (${r.simulated.length} resources)`);
    else if (r.status === 'partial') {
      print(
        `◐ in part  ${r.source} (${r.simulated.length} simulated, ${r.notSimulated.length} not)`,
      );
      for (const n of r.notSimulated.slice(0, 6))
        print(`             ${n.id} (${n.type}): ${n.why}`);
      if (r.notSimulated.length > 6) print(`             … and ${r.notSimulated.length - 6} more`);
    } else print(`✗ refused  ${r.source}: ${r.why ?? ''}`);
  }
  const pct = (n: number) => (totals.templates ? ((100 * n) / totals.templates).toFixed(1) : '0');
  print(
    `\n${totals.templates} templates: ${totals.full} simulated in full (${pct(totals.full)}%), ${totals.partial} in part (${pct(totals.partial)}%), ${totals.refused} refused (${pct(totals.refused)}%); ledger out of balance: ${totals.unbalanced}`,
  );
  return 0;
}
