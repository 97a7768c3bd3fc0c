/**
 * Compiles pattern branches into field programs for the matcher: for each field, every way its
 * dotted path can split across event keys, which arrays it may share with other fields, and one
 * predicate over leaf values. Fields are ordered so cheap, selective checks run first.
 */
import { buildLeafTest, setsNumeric, type LeafTest } from './leafTest';
import type { Branch, Condition, PatternIR } from './types';

/** One way to step from an object to the next part of a path. */
export interface Step {
  key: string;
  /** Plan node to continue from, or -1 when the key ends the path. */
  next: number;
  /** The key is also an Object.prototype property, so presence needs an own-property check. */
  guarded: boolean;
  /** An array found here is shared with another field of the branch (so its index matters). */
  shared: boolean;
}

/** A compiled field: where to look and what to accept. */
export interface FieldProgram {
  path: string;
  conditions: readonly Condition[];
  plan: Step[][];
  test: LeafTest;
  /** Has `exists: false`: satisfied when no leaf exists at the path. */
  absentOk: boolean;
  /** Has any condition besides `exists: false`. */
  valued: boolean;
}

/** A compiled $or branch. */
export interface BranchProgram {
  fields: FieldProgram[];
}

const NEVER: LeafTest = () => false;

function buildPlan(path: string, others: readonly string[]): Step[][] {
  const shared = (prefix: string): boolean =>
    others.some((o) => o === prefix || o.startsWith(`${prefix}.`));
  const nodes: Step[][] = [];
  const nodeAt = new Map<number, number>();
  const build = (start: number): number => {
    const known = nodeAt.get(start);
    if (known !== undefined) return known;
    const index = nodes.length;
    nodeAt.set(start, index);
    const steps: Step[] = [];
    nodes.push(steps);
    for (let d = path.indexOf('.', start); d >= 0; d = path.indexOf('.', d + 1)) {
      const key = path.slice(start, d);
      steps.push({
        key,
        next: build(d + 1),
        guarded: key in Object.prototype,
        shared: shared(path.slice(0, d)),
      });
    }
    const key = path.slice(start);
    steps.push({ key, next: -1, guarded: key in Object.prototype, shared: shared(path) });
    return index;
  };
  build(0);
  return nodes;
}

/** Event-ruler keeps numeric/IP switches per machine; machines are shared by branches whose earlier fields agree. */
function machineKeys(branches: readonly Branch[]): Array<Map<string, string>> {
  return branches.map((branch) => {
    const keys = new Map<string, string>();
    let prefix = '';
    for (const path of [...branch.keys()].sort()) {
      keys.set(path, `${prefix}\u0000${path}`);
      prefix += `\u0001${path}=${(branch.get(path) ?? []).map((c) => c.display).join(',')}`;
    }
    return keys;
  });
}

/** Builds field programs for every branch of a compiled pattern. */
export function buildPrograms(ir: PatternIR): BranchProgram[] {
  const keys = machineKeys(ir.branches);
  const modes = new Map<string, { hasNumeric: boolean; hasIp: boolean }>();
  ir.branches.forEach((branch, i) => {
    for (const [path, conditions] of branch) {
      const key = keys[i]?.get(path) ?? path;
      const mode = modes.get(key) ?? { hasNumeric: false, hasIp: false };
      mode.hasNumeric ||= conditions.some(setsNumeric);
      mode.hasIp ||= conditions.some((c) => c.kind === 'ip');
      modes.set(key, mode);
    }
  });
  return ir.branches.map((branch, i) => {
    const paths = [...branch.keys()];
    const fields = paths.map((path): FieldProgram => {
      const conditions = branch.get(path) ?? [];
      const absentOk = conditions.some((c) => c.kind === 'exists' && !c.value);
      const valued = conditions.some((c) => !(c.kind === 'exists' && !c.value));
      const mode = modes.get(keys[i]?.get(path) ?? path) ?? { hasNumeric: false, hasIp: false };
      return {
        path,
        conditions,
        plan: buildPlan(
          path,
          paths.filter((p) => p !== path),
        ),
        test: valued
          ? buildLeafTest(
              conditions.filter((c) => !(c.kind === 'exists' && !c.value)),
              mode,
            )
          : NEVER,
        absentOk,
        valued,
      };
    });
    // Fail fast: fields that need a value before exists:false-only ones, shallow paths first.
    const depth = (f: FieldProgram): number => f.path.split('.').length;
    fields.sort((a, b) => Number(!a.valued) - Number(!b.valued) || depth(a) - depth(b));
    return { fields };
  });
}
