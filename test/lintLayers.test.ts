import { resolve } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules in eslint.config.js, tried on probe files: each layer is handed imports it must
 * refuse (barrels, modules, nested folders, view libraries, dynamic imports) and the wall-clock or
 * random calls the pure layers must not make, and imports it may use, which must pass untouched.
 *
 * Probes go through `lintText` with a `filePath` in the layer's folder, so ESLint applies that
 * folder's config but nothing is written to disk.
 */

const root = resolve(import.meta.dirname, '..');
// ESLint loads the whole config (typescript-eslint, plugins) on the first call: slow on a loaded
// CI machine, so every test here has a generous budget.
const BUDGET = 60_000;

let eslint: ESLint | undefined;
function linter(): ESLint {
  eslint ??= new ESLint({ cwd: root });
  return eslint;
}

async function lint(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await linter().lintText(code, { filePath: resolve(root, file) });
  if (!result) throw new Error(`ESLint returned no result for ${file}`);
  return result.messages;
}

/** A probe that imports `source` and uses what it imported, so only the import can be at fault. */
function importing(source: string): string {
  return `import { probe } from '${source}';\n\nexport const used = probe;\n`;
}

type Case = [file: string, source: string];

// [probe file, import source] pairs that must be refused by no-restricted-imports.
const forbiddenImports: Case[] = [
  // engine imports nothing of ours
  ['src/engine/__probe__.ts', '../aws'],
  ['src/engine/__probe__.ts', '../aws/sqs'],
  ['src/engine/__probe__.ts', '../kit'],
  ['src/engine/__probe__.ts', '../patterns'],
  ['src/engine/__probe__.ts', '../state'],
  ['src/engine/__probe__.ts', '../canvas'],
  ['src/engine/__probe__.ts', '../ui'],
  ['src/engine/__probe__.ts', '../app'],
  ['src/engine/__probe__.ts', '../cli'],
  ['src/engine/__probe__.ts', 'xstate'],
  ['src/engine/__probe__.ts', 'react'],
  // aws imports only engine
  ['src/aws/__probe__.ts', '../kit'],
  ['src/aws/__probe__.ts', '../patterns'],
  ['src/aws/__probe__.ts', '../patterns/types'],
  ['src/aws/__probe__.ts', '../state'],
  ['src/aws/__probe__.ts', '../cli'],
  ['src/aws/stepFunctions/__probe__.ts', '../../patterns'],
  ['src/aws/stepFunctions/states/__probe__.ts', '../../../state/url'],
  ['src/aws/__probe__.ts', 'react'],
  ['src/aws/__probe__.ts', 'react-dom/client'],
  ['src/aws/__probe__.ts', 'zustand'],
  ['src/aws/__probe__.ts', '@xyflow/react'],
  ['src/aws/__probe__.ts', '@xstate/react'],
  // kit imports engine and aws
  ['src/kit/__probe__.ts', '../patterns'],
  ['src/kit/__probe__.ts', '../state'],
  ['src/kit/__probe__.ts', '../ui'],
  ['src/kit/__probe__.ts', 'react'],
  ['src/kit/__probe__.ts', 'zustand/vanilla'],
  // patterns imports engine, aws, kit
  ['src/patterns/__probe__.ts', '../state'],
  ['src/patterns/__probe__.ts', '../canvas'],
  ['src/patterns/__probe__.ts', '../ui'],
  ['src/patterns/__probe__.ts', '../app'],
  ['src/patterns/__probe__.ts', '../cli/format'],
  ['src/patterns/some-pattern/__probe__.ts', '../../state'],
  ['src/patterns/__probe__.ts', 'react'],
  ['src/patterns/__probe__.ts', '@xyflow/react'],
  ['src/patterns/__probe__.ts', '../template'],
  // template imports engine..patterns
  ['src/template/__probe__.ts', '../state'],
  ['src/template/__probe__.ts', '../ui'],
  ['src/template/__probe__.ts', '../app'],
  ['src/template/__probe__.ts', '../cli'],
  ['src/template/__probe__.ts', 'react'],
  ['src/kit/__probe__.ts', '../template'],
  // state imports engine..template
  ['src/state/__probe__.ts', '../canvas'],
  ['src/state/__probe__.ts', '../ui'],
  ['src/state/__probe__.ts', '../ui/format'],
  ['src/state/__probe__.ts', '../app'],
  ['src/state/__probe__.ts', '../cli'],
  // canvas imports engine..state, never ui
  ['src/canvas/__probe__.ts', '../ui'],
  ['src/canvas/__probe__.ts', '../ui/format'],
  ['src/canvas/__probe__.tsx', '../ui/PlaybackBar'],
  ['src/canvas/icons/__probe__.tsx', '../../ui'],
  ['src/canvas/__probe__.ts', '/src/ui/format'],
  ['src/canvas/__probe__.ts', '../app'],
  // ui imports engine..canvas
  ['src/ui/__probe__.ts', '../app'],
  ['src/ui/__probe__.ts', '../cli'],
  // cli uses engine, aws, kit, patterns and template only
  ['src/cli/__probe__.ts', '../state'],
  ['src/cli/__probe__.ts', '../state/url'],
  ['src/cli/__probe__.ts', '../canvas'],
  ['src/cli/__probe__.ts', '../ui'],
  ['src/cli/__probe__.ts', '../app'],
  ['src/cli/__probe__.ts', 'react'],
  ['src/cli/__probe__.ts', 'zustand'],
];

// [probe file, import source] pairs that must lint clean.
const allowedImports: Case[] = [
  ['src/engine/__probe__.ts', './rng'],
  ['src/aws/__probe__.ts', '../engine'],
  ['src/aws/__probe__.ts', 'xstate'],
  ['src/aws/__probe__.ts', './eventPatterns'],
  ['src/aws/stepFunctions/paths/__probe__.ts', '../statesError'],
  ['src/aws/stepFunctions/intrinsics/__probe__.ts', '../../../engine/rng'],
  ['src/kit/__probe__.ts', '../engine'],
  ['src/kit/__probe__.ts', '../aws'],
  ['src/patterns/__probe__.ts', '../kit'],
  ['src/patterns/__probe__.ts', '../aws'],
  ['src/patterns/some-pattern/__probe__.ts', '../../engine'],
  ['src/state/__probe__.ts', '../patterns'],
  ['src/state/__probe__.ts', '../template'],
  ['src/template/__probe__.ts', '../kit'],
  ['src/template/__probe__.ts', '../patterns'],
  ['src/cli/__probe__.ts', '../template'],
  ['src/state/__probe__.ts', 'zustand'],
  ['src/canvas/__probe__.ts', '../state'],
  ['src/canvas/__probe__.ts', './format'],
  ['src/canvas/icons/__probe__.tsx', '../../patterns'],
  ['src/ui/__probe__.ts', '../canvas'],
  ['src/ui/__probe__.ts', '../canvas/format'],
  ['src/ui/__probe__.ts', '../state'],
  ['src/app/__probe__.ts', '../ui'],
  ['src/app/__probe__.ts', '../canvas'],
  ['src/cli/__probe__.ts', '../patterns'],
  ['src/cli/__probe__.ts', '../kit'],
  ['src/cli/__probe__.ts', '../engine'],
];

// [probe file, statement, rule] where the pure layers touch ambient randomness or the wall clock.
const impureCode: [file: string, code: string, rule: string][] = [
  ['src/engine/__probe__.ts', 'Math.random()', 'no-restricted-properties'],
  ['src/engine/__probe__.ts', 'Date.now()', 'no-restricted-properties'],
  ['src/engine/__probe__.ts', 'performance.now()', 'no-restricted-globals'],
  ['src/aws/__probe__.ts', 'setTimeout(() => 1, 10)', 'no-restricted-globals'],
  ['src/aws/__probe__.ts', 'Math.random()', 'no-restricted-properties'],
  ['src/kit/__probe__.ts', 'Math.random()', 'no-restricted-properties'],
  ['src/kit/__probe__.ts', 'Date.now()', 'no-restricted-properties'],
  ['src/kit/__probe__.ts', 'window.location.href', 'no-restricted-globals'],
  ['src/patterns/__probe__.ts', 'document.title', 'no-restricted-globals'],
  ['src/patterns/__probe__.ts', 'requestAnimationFrame(() => 1)', 'no-restricted-globals'],
  ['src/template/__probe__.ts', 'Date.now()', 'no-restricted-properties'],
];

describe('ESLint layer rules (eslint.config.js)', () => {
  it.each(forbiddenImports)(
    '%s may not import %s',
    async (file, source) => {
      const messages = await lint(file, importing(source));
      expect(messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
      const refusal = messages.find((m) => m.ruleId === 'no-restricted-imports');
      expect(refusal?.severity).toBe(2);
    },
    BUDGET,
  );

  it.each(allowedImports)(
    '%s may import %s',
    async (file, source) => {
      expect(await lint(file, importing(source))).toEqual([]);
    },
    BUDGET,
  );

  it.each(impureCode)(
    '%s may not run %s',
    async (file, statement, rule) => {
      const messages = await lint(file, `export const used = () => ${statement};\n`);
      expect(messages.map((m) => m.ruleId)).toContain(rule);
    },
    BUDGET,
  );

  it(
    'refuses a dynamic import of a higher layer too',
    async () => {
      const code = "export const later = () => import('../ui');\n";
      const canvas = await lint('src/canvas/__probe__.ts', code);
      expect(canvas.map((m) => m.ruleId)).toContain('no-restricted-syntax');
      expect(await lint('src/app/__probe__.ts', code)).toEqual([]);
    },
    BUDGET,
  );

  it(
    'refuses type-only imports across layers as well',
    async () => {
      const code = "import type { Probe } from '../ui';\n\nexport type Used = Probe;\n";
      const messages = await lint('src/canvas/__probe__.ts', code);
      expect(messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
    },
    BUDGET,
  );

  it(
    'lets the view layers use the view libraries and src/state keep its wall clock to the ticker',
    async () => {
      expect(await lint('src/ui/__probe__.ts', importing('@xyflow/react'))).toEqual([]);
      const clock = 'export const used = () => performance.now();\n';
      expect(await lint('src/state/ticker.ts', clock)).toEqual([]);
      const elsewhere = await lint('src/state/__probe__.ts', clock);
      expect(elsewhere.map((m) => m.ruleId)).toContain('no-restricted-globals');
    },
    BUDGET,
  );
});
