import { shownArriveMs, type HopBuffer } from '../state';
import { DOT_COLOURS, DOT_HALO, RESPONSE_COLOURS } from './serviceStyle';
import { LUT_POINTS, type PathRegistry } from './pathRegistry';
import { MIN_TEXT_PX } from './TextScale';

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
/** Requests ride a little to one side of the line, responses further to the other: two lanes. */
const REQUEST_LANE = -2;
const RESPONSE_LANE = 6;
/** Above this many dots, squares replace circles (a lot cheaper to fill, indistinguishable small). */
const SQUARE_THRESHOLD = 4000;
/** Below this many dots each gets a thin halo in the canvas colour, so it stands off its edge. */
const HALO_THRESHOLD = 3000;
/** Edge length (px at zoom 1) one dot needs to stay distinct from its neighbours in a stream. */
const PX_PER_DOT = 2.5;

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
      ? this.drawCounts(ctx, hops, dark, vp.zoom)
      : this.drawDots(ctx, hops, now, source.minDurationMs(), dark, vp.zoom);
    return this.drawn;
  }

  /**
   * Draws every message in flight onto another canvas (a recorded clip's frame), whatever part of
   * the diagram the pane shows: `ctx` maps flow units to its pixels, and `zoom` is its scale (for
   * the size of the "1:N" and count labels). Returns the number of dots drawn.
   */
  drawWhole(
    ctx: CanvasRenderingContext2D,
    source: DotSource,
    dark: boolean,
    countsOnly: boolean,
    zoom: number,
  ): number {
    const hops = source.hops;
    this.refreshLuts(hops);
    return countsOnly
      ? this.drawCounts(ctx, hops, dark, zoom)
      : this.drawDots(ctx, hops, source.now(), source.minDurationMs(), dark, zoom);
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
    // Each edge may hold as many dots as its length keeps distinct; beyond that it is thinned.
    for (let e = 0; e < this.luts.length; e++) {
      const lut = this.luts[e];
      if (lut) hops.setRoom(e, Math.max(16, lutLength(lut) / PX_PER_DOT));
    }
  }

  private drawDots(
    ctx: CanvasRenderingContext2D,
    hops: HopBuffer,
    now: number,
    minDur: number,
    dark: boolean,
    zoom: number,
  ): number {
    const circles: Path2D[] = [];
    const arrows: Path2D[] = [];
    for (let k = 0; k < KINDS; k++) {
      circles.push(new Path2D());
      arrows.push(new Path2D());
    }
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
      const a = shownArriveMs(d, arrive[i] as number, minDur);
      let p = a > d ? (now - d) / (a - d) : 1;
      if (p > 1) continue;
      const back = reverse[i] === 1;
      if (back) p = 1 - p;
      const f = p * last;
      const j = f | 0;
      const t = f - j;
      const o = j * 4;
      const o2 = j < last ? o + 4 : o;
      const nx = lut[o + 2] as number;
      const ny = lut[o + 3] as number;
      const lane = back ? RESPONSE_LANE : REQUEST_LANE;
      const x = (lut[o] as number) + ((lut[o2] as number) - (lut[o] as number)) * t + nx * lane;
      const y =
        (lut[o + 1] as number) + ((lut[o2 + 1] as number) - (lut[o + 1] as number)) * t + ny * lane;
      const k = kind[i] as number;
      if (back) {
        // A response: a small arrowhead pointing the way it travels, back towards the caller.
        const tx = -ny;
        const ty = nx;
        const path = arrows[k] ?? (arrows[0] as Path2D);
        path.moveTo(x + tx * r * 1.4, y + ty * r * 1.4);
        path.lineTo(x - tx * r + nx * r * 1.1, y - ty * r + ny * r * 1.1);
        path.lineTo(x - tx * r - nx * r * 1.1, y - ty * r - ny * r * 1.1);
        path.closePath();
      } else {
        const path = circles[k] ?? (circles[0] as Path2D);
        if (squares) path.rect(x - r, y - r, r * 2, r * 2);
        else {
          path.moveTo(x + r, y);
          path.arc(x, y, r, 0, Math.PI * 2);
        }
      }
      drawn++;
    }
    const colours = dark ? DOT_COLOURS.dark : DOT_COLOURS.light;
    const halo = drawn < HALO_THRESHOLD;
    if (halo) {
      ctx.strokeStyle = dark ? DOT_HALO.dark : DOT_HALO.light;
      ctx.lineWidth = 1.6;
      ctx.lineJoin = 'round';
    }
    for (let k = 0; k < KINDS; k++) {
      const colour = colours[k] as string;
      const respColour = (dark ? RESPONSE_COLOURS.dark : RESPONSE_COLOURS.light)[k] as string;
      for (const [paths, fill] of [
        [circles, colour],
        [arrows, respColour],
      ] as const) {
        const path = paths[k] as Path2D;
        if (halo) ctx.stroke(path);
        ctx.fillStyle = fill;
        ctx.fill(path);
      }
    }
    this.drawThinning(ctx, hops, dark, zoom);
    return drawn;
  }

  /** "1:N" beside the middle of each thinned edge, so a reader knows those dots stand for more. */
  private drawThinning(
    ctx: CanvasRenderingContext2D,
    hops: HopBuffer,
    dark: boolean,
    zoom: number,
  ): void {
    let font = false;
    for (let e = 0; e < hops.edgeIds.length; e++) {
      const n = hops.edgeSampleN[e] ?? 1;
      const lut = this.luts[e];
      if (n <= 1 || !lut || (hops.edgeInFlight[e] ?? 0) === 0) continue;
      if (!font) {
        ctx.font = `600 ${MIN_TEXT_PX / Math.min(1, zoom)}px ui-sans-serif, system-ui, sans-serif`;
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        font = true;
      }
      const o = Math.floor(LUT_POINTS * 0.3) * 4;
      const x = (lut[o] as number) + (lut[o + 2] as number) * 16;
      const y = (lut[o + 1] as number) + (lut[o + 3] as number) * 16;
      const text = `1:${formatCount(n)}`;
      ctx.fillStyle = dark ? 'rgba(15,23,42,0.85)' : 'rgba(255,255,255,0.85)';
      const w = ctx.measureText(text).width + 6;
      const h = (MIN_TEXT_PX + 4) / Math.min(1, zoom);
      ctx.fillRect(x - w / 2, y - h / 2, w, h);
      ctx.fillStyle = dark ? '#e2e8f0' : '#334155';
      ctx.fillText(text, x, y + 0.5);
    }
  }

  /** Reduced motion: no moving dots, a count of the messages each edge has carried instead. */
  private drawCounts(
    ctx: CanvasRenderingContext2D,
    hops: HopBuffer,
    dark: boolean,
    zoom: number,
  ): number {
    const scale = 1 / Math.min(1, zoom);
    ctx.font = `600 ${MIN_TEXT_PX * scale}px ui-sans-serif, system-ui, sans-serif`;
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
      const w = ctx.measureText(text).width + 10 * scale;
      ctx.fillStyle = dark ? '#334155' : '#e2e8f0';
      ctx.beginPath();
      ctx.roundRect(x - w / 2, y - 9 * scale, w, 18 * scale, 9 * scale);
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

/** Length of a sampled path, in px at zoom 1. */
function lutLength(lut: Float32Array): number {
  let length = 0;
  for (let i = 4; i < lut.length; i += 4)
    length += Math.hypot(
      (lut[i] as number) - (lut[i - 4] as number),
      (lut[i + 1] as number) - (lut[i - 3] as number),
    );
  return length;
}
