import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vitest/config';

// `base: './'` keeps every asset URL relative, so the built site works from any static host or
// sub-folder without server rewrites. Two pages (the full app and the embed view) and the
// <pattern-sim> web component's script.
export default defineConfig({
  base: './',
  plugins: [react(), tailwindcss()],
  build: {
    // dist/.vite/manifest.json: `npm run bench -- firstLoad` reads the pages' import graphs there.
    manifest: true,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        embed: resolve(import.meta.dirname, 'embed.html'),
        // The <pattern-sim> web component: a script with a stable name at the site's root.
        'pattern-sim': resolve(import.meta.dirname, 'src/app/patternSim.tsx'),
      },
      output: {
        entryFileNames: (chunk) =>
          chunk.name === 'pattern-sim' ? 'pattern-sim.js' : 'assets/[name]-[hash].js',
      },
    },
  },
  test: {
    // Playwright owns e2e/*.spec.ts; Vitest only picks up *.test.ts.
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // Registers every service kind (the browser loads some lazily, see src/kit/kinds/index.ts).
    setupFiles: ['test/setup.ts'],
    // CI is a loaded 2-core machine where a test can run ten times slower than on a laptop. A
    // higher default than Vitest's 5 s; tests known to be long still give their own budget.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
