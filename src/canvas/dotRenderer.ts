import type { HopBuffer } from '../state';
import { DOT_COLOURS } from './serviceStyle';
import { LUT_POINTS, type PathRegistry } from './pathRegistry';

/** Where dots come from: a buffer of hops and the simulated time to draw them at. */
export interface DotSource {
  hops: HopBuffer;
  /** Simulated time to draw at, in ms. */
  now(): number;
  /** A hop shorter than this (simulated ms) is stretched to stay visible. */
  minDurationMs(): number;
}

/** The React Flow viewport: translation, zoom and the size of the pane in CSS pixels. */
export interface ViewportBox {
  x: number;
  y: number;
  zoom: number;
  width: number;
  height: number;
}

const KINDS = 5;
const DOT_RADIUS = 3.6;
/** Responses travel this far beside their request's path, so both directions stay readable. */
const REVERSE_OFFSET = 5;
/** Above this many dots, squares replace circles (a lot cheaper to fill, indistinguishable small). */
const SQUARE_THRESHOLD = 4000;

/**
 * Draws the messages in flight on one canvas under the React Flow viewport transform: one pass over
 * the dot buffer, one path per colour, no allocation per dot. The canvas sits inside the viewport,
 * counter-transformed to screen space, so dots are crisp at any zoom and layered between the edges
 * and the nodes.
 */
export class DotRenderer {
  /** Dots drawn by the last frame. */
  drawn = 0;
  private readonly ctx: CanvasRenderingContext2D;
  private luts: (Float32Array | undefined)[] = [];
  private lutVersion = -1;
  private lastKey = '';

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly registry: PathRegistry,
  ) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('2D canvas unavailable');
    this.ctx = ctx;
  }

  /** Draws one frame; returns the number of dots drawn. Skips the work when nothing changed. */
  draw(source: DotSource, vp: ViewportBox, dark: boolean, countsOnly: boolean): number {
    const hops = source.hops;
    const now = source.now();
    this.refreshLuts(hops);
    const key = `${now}|${vp.x}|${vp.y}|${vp.zoom}|${vp.width}|${vp.height}|${hops.count}|${hops.totalHops}|${dark}|${countsOnly}|${this.lutVersion}`;
    if (key === this.lastKey) return this.drawn;
    this.lastKey = key;

    const ctx = this.prepare(vp);
    this.drawn = countsOnly
      ? this.drawCounts(ctx, hops, dark)
      : this.drawDots(ctx, hops, now, source.minDurationMs(), dark);
    return this.drawn;
  }

  private prepare(vp: ViewportBox): CanvasRenderingContext2D {
    const { canvas, ctx } = this;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(vp.width * dpr));
    const h = Math.max(1, Math.round(vp.height * dpr));
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
      canvas.style.width = `${vp.width}px`;
      canvas.style.height = `${vp.height}px`;
    }
    // Undo the viewport's transform on the element, then apply it to the drawing instead.
    canvas.style.transform = `scale(${1 / vp.zoom}) translate(${-vp.x}px, ${-vp.y}px)`;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.setTransform(dpr * vp.zoom, 0, 0, dpr * vp.zoom, dpr * vp.x, dpr * vp.y);
    return ctx;
  }

  private refreshLuts(hops: HopBuffer): void {
    if (this.lutVersion === this.registry.version && this.luts.length === hops.edgeIds.length)
      return;
    this.luts = hops.edgeIds.map((id) => this.registry.lut(id));
    this.lutVersion = this.registry.version;
  }

  private drawDots(
    ctx: CanvasRenderingContext2D,
    hops: HopBuffer,
    now: number,
    minDur: number,
    dark: boolean,
  ): number {
    const paths: Path2D[] = [];
    for (let k = 0; k < KINDS; k++) paths.push(new Path2D());
    const { depart, arrive, edge, kind, reverse, count } = hops;
    const luts = this.luts;
    const squares = count > SQUARE_THRESHOLD;
    const r = DOT_RADIUS;
    const last = LUT_POINTS - 1;
    let drawn = 0;
    for (let i = 0; i < count; i++) {
      const d = depart[i] as number;
      if (now < d) continue;
      const lut = luts[edge[i] as number];
      if (lut === undefined) continue;
      const a = Math.max(arrive[i] as number, d + minDur);
      let p = a > d ? (now - d) / (a - d) : 1;
      if (p > 1) continue;
      const back = reverse[i] === 1;
      if (back) p = 1 - p;
      const f = p * last;
      const j = f | 0;
      const t = f - j;
      const o = j * 4;
      const o2 = j < last ? o + 4 : o;
      let x = (lut[o] as number) + ((lut[o2] as number) - (lut[o] as number)) * t;
      let y = (lut[o + 1] as number) + ((lut[o2 + 1] as number) - (lut[o + 1] as number)) * t;
      if (back) {
        x += (lut[o + 2] as number) * REVERSE_OFFSET;
        y += (lut[o + 3] as number) * REVERSE_OFFSET;
      }
      const path = paths[kind[i] as number] ?? (paths[0] as Path2D);
      if (squares) path.rect(x - r, y - r, r * 2, r * 2);
      else {
        path.moveTo(x + r, y);
        path.arc(x, y, r, 0, Math.PI * 2);
      }
      drawn++;
    }
    const colours = dark ? DOT_COLOURS.dark : DOT_COLOURS.light;
    for (let k = 0; k < KINDS; k++) {
      ctx.fillStyle = colours[k] as string;
      ctx.fill(paths[k] as Path2D);
    }
    return drawn;
  }

  /** Reduced motion: no moving dots, a count of the messages each edge has carried instead. */
  private drawCounts(ctx: CanvasRenderingContext2D, hops: HopBuffer, dark: boolean): number {
    ctx.font = '600 11px ui-sans-serif, system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let e = 0; e < hops.edgeIds.length; e++) {
      const lut = this.luts[e];
      const total = hops.edgeTotals[e] ?? 0;
      if (!lut || total === 0) continue;
      // Beside the middle of the edge, on the side away from its label.
      const o = Math.floor(LUT_POINTS / 2) * 4;
      const x = (lut[o] as number) + (lut[o + 2] as number) * 14;
      const y = (lut[o + 1] as number) + (lut[o + 3] as number) * 14;
      const text = `${formatCount(total)} msgs`;
      const w = ctx.measureText(text).width + 10;
      ctx.fillStyle = dark ? '#334155' : '#e2e8f0';
      ctx.beginPath();
      ctx.roundRect(x - w / 2, y - 9, w, 18, 9);
      ctx.fill();
      ctx.fillStyle = dark ? '#f1f5f9' : '#0f172a';
      ctx.fillText(text, x, y + 0.5);
    }
    return 0;
  }
}

function formatCount(n: number): string {
  if (n < 10_000) return n.toLocaleString('en-US');
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 100_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}
