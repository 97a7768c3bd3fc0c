import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// ---------------------------------------------------------------------------------------------
// Layers. Imports go one way, each layer using only the ones before it:
//   engine ← aws ← kit ← patterns ← template ← state ← canvas ← ui ← app
// and the headless runner (src/cli) uses engine, aws, kit, patterns and template only. src/app may import
// anything. Each layer gets exactly one `no-restricted-imports` setting, built here in full:
// ESLint's flat config replaces a rule's options when a later block sets the same rule, so a
// second block for a folder would silently drop the first one's list.
// ---------------------------------------------------------------------------------------------

const LAYERS = ['engine', 'aws', 'kit', 'patterns', 'template', 'state', 'canvas', 'ui', 'app'];
const CLI_USES = ['engine', 'aws', 'kit', 'patterns', 'template'];
const PURE_LAYERS = ['engine', 'aws', 'kit', 'patterns', 'template'];
const SOURCE = '{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const ORDER =
  'Imports go one way: engine ← aws ← kit ← patterns ← template ← state ← canvas ← ui ← app; cli uses engine, aws, kit, patterns and template only.';

/** Folders below `src/` that a file in `folder` must not import. */
function forbiddenFor(folder) {
  if (folder === 'cli') return LAYERS.filter((layer) => !CLI_USES.includes(layer));
  if (folder === 'app') return [];
  return [...LAYERS.slice(LAYERS.indexOf(folder) + 1), 'cli'];
}

function allowedText(folder) {
  const allowed = folder === 'cli' ? CLI_USES : LAYERS.slice(0, LAYERS.indexOf(folder));
  return allowed.length ? allowed.join(', ') : 'no other folder of src';
}

/**
 * Matches an import of one of `folders` however it is spelled: the barrel (`../ui`), a module in
 * it (`../../ui/format`), from src/ itself (`./ui`), or root-relative (`/src/ui/x`). A path made
 * only of `./` and `../` steps and then a layer's name is taken to mean that layer, so no folder
 * inside a layer may share a layer's name.
 */
function layerImportRegex(folders) {
  return `^(?:(?:\\.{1,2}/)+|/?src/)(?:${folders.join('|')})(?:/|$)`;
}

const viewLibraries = [
  {
    group: ['react', 'react/*', 'react-dom', 'react-dom/*'],
    message: 'The simulation core and the CLI run without a view: no React.',
  },
  {
    group: [
      'zustand',
      'zustand/*',
      '@xyflow/*',
      '@xstate/react',
      '@xstate/react/*',
      'uplot',
      'uplot/*',
    ],
    message:
      'The simulation core and the CLI run without a view: no view or store libraries (plain xstate is fine outside the engine).',
  },
];

function restrictedImportsFor(folder) {
  const forbidden = forbiddenFor(folder);
  const patterns = [];
  if (forbidden.length) {
    patterns.push({
      regex: layerImportRegex(forbidden),
      message: `src/${folder} may import only ${allowedText(folder)}. ${ORDER}`,
    });
  }
  if (PURE_LAYERS.includes(folder) || folder === 'cli') patterns.push(...viewLibraries);
  if (folder === 'engine') {
    patterns.push({
      group: ['xstate', 'xstate/*', '@xstate/*'],
      message: 'The engine depends on nothing above it (XState is for src/aws/stepFunctions).',
    });
  }
  return patterns;
}

/** The same rule for `import('../ui')`, which no-restricted-imports does not look at. */
function restrictedDynamicImportsFor(folder) {
  const forbidden = forbiddenFor(folder);
  if (!forbidden.length) return [];
  // esquery's /regex/ may not contain a slash, so "/" is written \x2F.
  const regex = layerImportRegex(forbidden).replaceAll('/', '\\x2F');
  return [
    {
      selector: `ImportExpression[source.value=/${regex}/]`,
      message: `src/${folder} may import only ${allowedText(folder)}. ${ORDER}`,
    },
  ];
}

const layerBlocks = [...LAYERS, 'cli'].map((folder) => ({
  files: [`src/${folder}/**/*.${SOURCE}`],
  rules: {
    'no-restricted-imports': ['error', { patterns: restrictedImportsFor(folder) }],
    'no-restricted-syntax': ['error', ...restrictedDynamicImportsFor(folder)],
  },
}));

// The simulation layers must stay pure and deterministic: no DOM, no wall clock, no ambient
// randomness. Only src/state's ticker reads the wall clock.
const impureGlobals = [
  'window',
  'document',
  'setTimeout',
  'setInterval',
  'clearTimeout',
  'clearInterval',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'performance',
  'localStorage',
  'navigator',
].map((name) => ({ name, message: 'The simulation core is pure: no DOM or wall-clock globals.' }));

const pureLayerRules = {
  'no-restricted-globals': ['error', ...impureGlobals],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use the seeded Rng from src/engine/rng.ts.' },
    { object: 'Date', property: 'now', message: 'Use the simulation clock (sim.now).' },
  ],
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...layerBlocks,
  {
    files: PURE_LAYERS.map((layer) => `src/${layer}/**/*.${SOURCE}`),
    rules: pureLayerRules,
  },
  {
    // The view reads the wall clock only through src/state/ticker.ts.
    files: [
      'src/canvas/**/*.{ts,tsx}',
      'src/ui/**/*.{ts,tsx}',
      'src/app/**/*.{ts,tsx}',
      'src/state/**/*.{ts,tsx}',
    ],
    ignores: ['src/state/ticker.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['performance', 'requestAnimationFrame', 'cancelAnimationFrame'].map((name) => ({
          name,
          message: 'Only src/state/ticker.ts reads the wall clock.',
        })),
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'Only src/state/ticker.ts reads the wall clock.',
        },
      ],
    },
  },
  {
    files: [
      'src/**/*.tsx',
      'src/state/**/*.ts',
      'src/canvas/**/*.ts',
      'src/ui/**/*.ts',
      'src/app/**/*.ts',
    ],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
