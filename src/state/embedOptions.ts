import type { Pattern } from '../patterns';
import { MAX_SIM_MS, MAX_SPEED, MIN_SPEED } from './createSimulator';

/** The embed's theme: fixed, or the reader's system preference (`auto`). */
export type EmbedTheme = 'light' | 'dark' | 'auto';

/** Which controls the embed shows. */
export type EmbedControls =
  | { kind: 'none' }
  | { kind: 'playback' }
  /** Play/pause and the clock, plus sliders for these parameters (ids, in the order given). */
  | { kind: 'params'; ids: string[] };

/** What an embed's address asks of the embed itself (not of the simulation). */
export interface EmbedOptions {
  theme: EmbedTheme;
  /** Start playing on load (when the reader has not asked for reduced motion). */
  autoplay: boolean;
  controls: EmbedControls;
  /** Simulated time to run to before showing the diagram, in ms. */
  startMs: number;
  /** Playback speed (simulated seconds per wall second), or null for the default 1×. */
  speed: number | null;
  /** Width ÷ height when the host gives the frame an aspect ratio; null: height from the content. */
  aspect: number | null;
}

/** The address keys an embed reads for itself; every other key goes to the simulation. */
export const EMBED_KEYS = ['theme', 'autoplay', 'controls', 't', 'speed', 'aspect'] as const;

/** The defaults: follow the system theme, play, the playback controls, from t = 0 at 1×. */
export const DEFAULT_EMBED_OPTIONS: EmbedOptions = {
  theme: 'auto',
  autoplay: true,
  controls: { kind: 'playback' },
  startMs: 0,
  speed: null,
  aspect: null,
};

const YES = new Set(['1', 'true', 'on', 'yes']);
const NO = new Set(['0', 'false', 'off', 'no']);

/**
 * A duration in seconds: `90`, `90s`, `1.5m`, `1m30s`, `2h`. Returns null when the text is not
 * one (negative, empty, or with other letters).
 */
export function parseDurationS(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const match = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(t);
  if (!match || (!match[1] && !match[2] && !match[3])) return null;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

/** An aspect ratio: `16:9`, `16/9` or `1.6`; null when not a positive ratio. */
export function parseAspect(text: string): number | null {
  const parts = text.trim().split(/[:/x]/);
  if (parts.length > 2) return null;
  const [a, b = '1'] = parts;
  const w = Number(a);
  const h = Number(b);
  if (!(w > 0) || !(h > 0) || !Number.isFinite(w / h)) return null;
  const ratio = w / h;
  return ratio >= 0.2 && ratio <= 10 ? ratio : null;
}

/** The embed's options, the rest of the address for the simulation, and what was wrong. */
export interface ParsedEmbed {
  options: EmbedOptions;
  /** The address without the embed's own keys (pattern, parameters, seed, rules). */
  simulation: string;
  /** One sentence per bad option; the embed logs them to the console, never on the page. */
  warnings: string[];
}

/**
 * Splits an embed address into the embed's options and the simulation's part. Never throws: a bad
 * value is reported in `warnings` and replaced by its default. `pattern` is the pattern the
 * address names (its parameters are what `controls` may list).
 */
export function parseEmbedOptions(search: string, pattern: Pattern): ParsedEmbed {
  const query = new URLSearchParams(search);
  const warnings: string[] = [];
  const options: EmbedOptions = { ...DEFAULT_EMBED_OPTIONS };
  const bad = (key: string, value: string, want: string) =>
    warnings.push(`Embed option ${key}="${clip(value)}" ignored: ${want}.`);

  const theme = query.get('theme');
  if (theme !== null) {
    const t = theme.trim().toLowerCase();
    if (t === 'light' || t === 'dark' || t === 'auto') options.theme = t;
    else bad('theme', theme, 'use light, dark or auto');
  }

  const autoplay = query.get('autoplay');
  if (autoplay !== null) {
    const a = autoplay.trim().toLowerCase();
    if (YES.has(a) || a === '') options.autoplay = true;
    else if (NO.has(a)) options.autoplay = false;
    else bad('autoplay', autoplay, 'use on or off (1 or 0)');
  }

  const controls = query.get('controls');
  if (controls !== null) {
    const c = controls.trim();
    if (c === 'none' || c === 'playback') options.controls = { kind: c };
    else {
      const known = new Set(pattern.params.map((p) => p.id));
      const ids: string[] = [];
      for (const id of c.split(',').map((s) => s.trim())) {
        if (id === '') continue;
        if (known.has(id)) {
          if (!ids.includes(id)) ids.push(id);
        } else
          warnings.push(
            `Embed option controls: "${clip(id)}" is not a parameter of ${pattern.id} (its parameters: ${[...known].join(', ')}).`,
          );
      }
      options.controls = ids.length > 0 ? { kind: 'params', ids } : { kind: 'playback' };
      if (ids.length === 0 && c !== '')
        warnings.push(
          'Embed option controls named no known parameter: showing the playback controls.',
        );
    }
  }

  const t = query.get('t');
  if (t !== null) {
    const s = parseDurationS(t);
    if (s === null) bad('t', t, 'give a time like 90, 90s, 1m30s or 2h');
    else options.startMs = Math.min(s * 1000, MAX_SIM_MS);
  }

  const speed = query.get('speed');
  if (speed !== null) {
    const n = Number(speed.trim().replace(/x$/i, ''));
    if (speed.trim() !== '' && Number.isFinite(n) && n >= MIN_SPEED && n <= MAX_SPEED)
      options.speed = n;
    else bad('speed', speed, `give a number from ${MIN_SPEED} to ${MAX_SPEED}`);
  }

  const aspect = query.get('aspect');
  if (aspect !== null) {
    const r = parseAspect(aspect);
    if (r === null) bad('aspect', aspect, 'give a ratio like 16:9, 4/3 or 1.6');
    else options.aspect = r;
  }

  for (const key of EMBED_KEYS) query.delete(key);
  const rest = query.toString();
  return { options, simulation: rest ? `?${rest}` : '', warnings };
}

/** The address part for options that differ from the defaults (for the Embed dialog). */
export function embedOptionsSearch(options: Partial<EmbedOptions>): string {
  const query = new URLSearchParams();
  if (options.theme && options.theme !== 'auto') query.set('theme', options.theme);
  if (options.autoplay === false) query.set('autoplay', '0');
  const c = options.controls;
  if (c && c.kind === 'none') query.set('controls', 'none');
  if (c && c.kind === 'params' && c.ids.length > 0) query.set('controls', c.ids.join(','));
  if (options.startMs) query.set('t', String(Math.round(options.startMs / 1000)));
  if (options.speed && options.speed !== 1) query.set('speed', String(options.speed));
  if (options.aspect) query.set('aspect', formatAspect(options.aspect));
  // ":" and "," are fine in a query and easier to read than %3A and %2C.
  return query.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

/** 16/9 → "16:9" for the common ratios, else the ratio with two decimals. */
export function formatAspect(ratio: number): string {
  for (const [w, h] of [
    [16, 9],
    [16, 10],
    [4, 3],
    [3, 2],
    [1, 1],
    [21, 9],
  ] as const)
    if (Math.abs(ratio - w / h) < 1e-3) return `${w}:${h}`;
  return ratio.toFixed(2);
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
