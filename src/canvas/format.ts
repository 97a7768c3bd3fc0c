/**
 * Number formatting shared by the node badges here and by src/ui's panels and status line (always
 * en-US, tabular). It lives in canvas, the lower of the two view layers, so both can use it.
 */

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** 1234 → "1,234"; millions compact ("2.4M"). */
export function formatCount(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  if (Math.abs(n) >= 1e6) return `${one.format(n / 1e6)}M`;
  return int.format(n);
}

/** Short counts for the cards, at most five characters: "9,999", "12.3k", "123k", "1.2M". */
export function formatCompact(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  const a = Math.abs(n);
  if (a < 10_000) return int.format(n);
  if (a < 100_000) return `${one.format(Math.floor(n / 100) / 10)}k`;
  if (a < 1e6) return `${int.format(Math.floor(n / 1000))}k`;
  if (a < 1e7) return `${one.format(Math.floor(n / 1e5) / 10)}M`;
  return `${int.format(Math.floor(n / 1e6))}M`;
}

/** An age for the cards, short: "4.2 s", "42 s", "3m 05s", "1h 02m". */
export function formatAge(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return '–';
  if (s < 10) return `${one.format(s)} s`;
  if (s < 60) return `${int.format(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** A rate per second: "19/s", "4.5/s", "1,200/s". */
export function formatRate(perS: number | undefined): string {
  if (perS === undefined || !Number.isFinite(perS)) return '–';
  return `${perS < 10 ? one.format(perS) : int.format(perS)}/s`;
}

/** A duration in seconds, readable: "0.4 s", "12 s", "3 min 5 s", "1 h 02 min". */
export function formatSeconds(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return '–';
  if (s < 10) return `${one.format(s)} s`;
  if (s < 60) return `${int.format(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(Math.floor(s % 60)).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** Milliseconds: "4.2 ms", "120 ms", "2.5 s". */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 10) return `${one.format(ms)} ms`;
  if (ms < 1000) return `${int.format(ms)} ms`;
  return `${one.format(ms / 1000)} s`;
}

/**
 * Simulated clock: "0:00.0", "12:03.4", "1:02:03" while playing; to the millisecond when `precise`
 * (paused or stepping, where one event may move the clock by a few ms): "0:00.004", "1:02:03.250".
 */
export function formatClock(ms: number, precise = false): string {
  const totalMs = Math.max(0, Math.floor(ms));
  const h = Math.floor(totalMs / 3_600_000);
  const m = Math.floor((totalMs % 3_600_000) / 60_000);
  const wholeS = Math.floor((totalMs % 60_000) / 1000);
  const frac = totalMs % 1000;
  const ss = String(wholeS).padStart(2, '0');
  const tail = precise ? `.${String(frac).padStart(3, '0')}` : '';
  if (h > 0) return `${h}:${String(m).padStart(2, '0')}:${ss}${tail}`;
  return `${m}:${ss}${precise ? tail : `.${Math.floor(frac / 100)}`}`;
}

/** Speed factor: "0.1×", "1×", "250×". */
export function formatSpeed(x: number): string {
  if (x < 1) return `${one.format(x)}×`;
  if (x < 10) return `${one.format(x)}×`;
  return `${int.format(x)}×`;
}

/** A parameter's value with its unit: "40 msg/s", "30 %". */
export function formatWithUnit(value: number, unit: string): string {
  const text = Number.isInteger(value) ? int.format(value) : one.format(value);
  if (!unit) return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}
