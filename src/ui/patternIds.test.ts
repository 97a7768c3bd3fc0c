import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The view knows kinds, not patterns: everything specific to a pattern is in its definition.
const SRC = fileURLToPath(new URL('..', import.meta.url));
const PATTERNS = join(SRC, 'patterns');
const VIEW_FOLDERS = ['canvas', 'ui'].map((folder) => join(SRC, folder));

/** Pattern ids: the folders of src/patterns that hold a pattern (an index.ts). */
function patternIds(): string[] {
  return readdirSync(PATTERNS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(PATTERNS, d.name, 'index.ts')))
    .map((d) => d.name);
}

/** Source files under a folder, tests left out (they may well name a pattern). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|css)$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [path] : [];
  });
}

describe('the view names no pattern', () => {
  it('finds the patterns to look for', () => {
    expect(patternIds().length).toBeGreaterThan(0);
  });

  it('has no pattern id in src/canvas or src/ui', () => {
    const ids = patternIds();
    const found: string[] = [];
    for (const file of VIEW_FOLDERS.flatMap(sourceFiles)) {
      const text = readFileSync(file, 'utf8');
      for (const id of ids) if (text.includes(id)) found.push(`${relative(SRC, file)}: ${id}`);
    }
    expect(found).toEqual([]);
  });
});
