/** Number formatting shared by badges, panels and the status line (always en-US, tabular). */

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** 1234 → "1,234"; millions compact ("2.4M"). */
export function formatCount(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  if (Math.abs(n) >= 1e6) return `${one.format(n / 1e6)}M`;
  return int.format(n);
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

/** Simulated clock: "0:00.0", "12:03.4", "1:02:03". */
export function formatClock(ms: number): string {
  const total = Math.max(0, ms) / 1000;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}:${String(m).padStart(2, '0')}:${String(Math.floor(s)).padStart(2, '0')}`;
  return `${m}:${s.toFixed(1).padStart(4, '0')}`;
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
