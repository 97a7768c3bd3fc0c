/**
 * First load: how much JavaScript (gzip) each page downloads before a reader can interact, read
 * from the production build's Vite manifest. A page needs its entry chunk and everything that
 * chunk imports statically, plus what it loads at once on start (the default pattern's chunk):
 * that dynamic import happens before the first paint of the diagram, so it counts. What loads on
 * a reader's action (a dialog, the Workflow tab, the charts' library on the first Play) does not. Builds `dist/` first when it has no manifest (or with `--build`).
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** A page, its budget, and the dynamic imports it makes on start before anyone can click. */
export interface PageBudget {
  page: string;
  targetKb: number;
  /** The modules the page imports dynamically on start: manifest keys, sources or chunk names. */
  onStart: string[];
}

/** The targets of issue 9: index ≤ 160 KB gzip, embed ≤ 130 KB gzip. */
export const PAGES: PageBudget[] = [
  {
    page: 'index.html',
    targetKb: 160,
    // The chart library is not here: it comes with the first data to draw (ui/loadUPlot.ts).
    onStart: ['message-decoupling-sqs'],
  },
  { page: 'embed.html', targetKb: 130, onStart: ['message-decoupling-sqs'] },
];

const root = resolve(import.meta.dirname, '..');

/** Reads dist/.vite/manifest.json, building first when asked or when there is none. */
export function readManifest(build: boolean): Manifest {
  const path = resolve(root, 'dist/.vite/manifest.json');
  if (build || !existsSync(path)) {
    execFileSync(resolve(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** The manifest key of a chunk named by key, source path or chunk name. */
function keyOf(manifest: Manifest, name: string): string {
  if (manifest[name]) return name;
  const found = Object.entries(manifest).find(
    ([, chunk]) => chunk.src === name || (chunk as { name?: string }).name === name,
  );
  if (!found) throw new Error(`the manifest has no chunk "${name}"`);
  return found[0];
}

/** The chunks `keys` and everything they import statically, transitively. */
export function staticClosure(manifest: Manifest, names: string[]): Set<string> {
  const keys = names.map((name) => keyOf(manifest, name));
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest has no "${key}"`);
    seen.add(key);
    for (const next of chunk.imports ?? []) visit(next);
  };
  for (const key of keys) visit(key);
  return seen;
}

const gzipKb = (file: string): number =>
  gzipSync(readFileSync(resolve(root, 'dist', file)), { level: 9 }).length / 1024;

/** Gzip KB of the JavaScript of `keys`' chunks (CSS is counted apart). */
export function pageWeight(
  manifest: Manifest,
  budget: PageBudget,
): { staticKb: number; startKb: number; cssKb: number; chunks: [string, number][] } {
  const entry = staticClosure(manifest, [budget.page]);
  const start = staticClosure(manifest, [budget.page, ...budget.onStart]);
  const sum = (keys: Set<string>) =>
    [...keys].reduce((kb, key) => {
      const file = manifest[key]?.file ?? '';
      return file.endsWith('.js') ? kb + gzipKb(file) : kb;
    }, 0);
  const css = new Set([...start].flatMap((key) => manifest[key]?.css ?? []));
  const chunks = [...start]
    .map((key): [string, number] => [manifest[key]?.file ?? key, gzipKb(manifest[key]?.file ?? '')])
    .filter(([file]) => file.endsWith('.js'))
    .sort((a, b) => b[1] - a[1]);
  return {
    staticKb: sum(entry),
    startKb: sum(start),
    cssKb: [...css].reduce((kb, file) => kb + gzipKb(file), 0),
    chunks,
  };
}

/**
 * The floor under those figures: the libraries every page needs to draw a live diagram at all
 * (React and react-dom, React Flow with its d3 parts, Zustand, XState), built alone the same
 * way, in gzip KB. Nothing the app splits can go below it.
 */
export function libraryFloorKb(): number {
  const dir = mkdtempSync(join(tmpdir(), 'first-load-floor-'));
  try {
    symlinkSync(resolve(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><html><body><script type="module" src="./entry.js"></script></body></html>',
    );
    writeFileSync(
      join(dir, 'entry.js'),
      [
        "import { createElement } from 'react';",
        "import { createRoot } from 'react-dom/client';",
        "import { ReactFlow } from '@xyflow/react';",
        "import { createActor, setup } from 'xstate';",
        "import { createStore } from 'zustand/vanilla';",
        "createActor(setup({}).createMachine({ initial: 'a', states: { a: {} } })).start();",
        'createStore(() => ({}));',
        'createRoot(document.body).render(createElement(ReactFlow, { nodes: [], edges: [] }));',
      ].join('\n'),
    );
    execFileSync(
      resolve(root, 'node_modules/.bin/vite'),
      ['build', '--logLevel', 'error', '--outDir', join(dir, 'dist'), dir],
      { cwd: dir, stdio: 'inherit' },
    );
    const assets = join(dir, 'dist/assets');
    return readdirSync(assets)
      .filter((f) => f.endsWith('.js'))
      .reduce(
        (kb, f) => kb + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length / 1024,
        0,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The lines `npm run bench -- firstLoad` prints. */
export function firstLoadLines(build: boolean): string[] {
  const manifest = readManifest(build);
  const lines: string[] = [];
  for (const budget of PAGES) {
    const w = pageWeight(manifest, budget);
    const verdict = w.startKb <= budget.targetKb ? 'within' : 'OVER';
    lines.push(
      `${budget.page.padEnd(11)}: ${w.startKb.toFixed(1)} KB gzip of JS before first interaction (target <= ${budget.targetKb}: ${verdict}); entry's static imports alone ${w.staticKb.toFixed(1)} KB; CSS ${w.cssKb.toFixed(1)} KB`,
    );
    lines.push(
      `             ${w.chunks.map(([file, kb]) => `${file.replace(/^assets\//, '')} ${kb.toFixed(1)}`).join(', ')}`,
    );
  }
  lines.push(
    `floor      : ${libraryFloorKb().toFixed(1)} KB gzip for React, react-dom, React Flow, Zustand and XState alone (no app code)`,
  );
  return lines;
}
