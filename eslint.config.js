import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The simulation layers must stay pure and deterministic: no DOM, no wall clock, no ambient
// randomness, no React. Only src/state's playback machine reads the wall clock.
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
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['react', 'react-dom', 'react/*', 'react-dom/*'],
          message: 'Pure layer: no React.',
        },
        {
          group: ['@xyflow/*', 'zustand', 'zustand/*', '@xstate/react'],
          message: 'Pure layer: no view libraries.',
        },
        {
          group: ['**/state/*', '**/canvas/*', '**/ui/*', '**/app/*', '**/cli/*'],
          message: 'Imports go one way: engine ← aws ← patterns ← state ← canvas/ui ← app.',
        },
      ],
    },
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
  {
    files: ['src/engine/**/*.ts', 'src/aws/**/*.ts', 'src/patterns/**/*.ts'],
    rules: pureLayerRules,
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/aws/*', '**/patterns/*', 'react', '@xyflow/*', 'zustand', 'xstate'],
              message: 'The engine depends on nothing above it.',
            },
          ],
        },
      ],
    },
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
