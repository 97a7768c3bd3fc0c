/** Points sampled per edge path; dots interpolate between them. */
export const LUT_POINTS = 64;

/**
 * The SVG path of every drawn edge, registered by the edge components, and sampled once into a
 * lookup table (x, y, normal x, normal y per point, evenly spaced by arc length) so the dot layer
 * can place thousands of dots per frame without touching the DOM.
 */
export class PathRegistry {
  /** Bumped whenever a path changes, so the dot layer rebuilds its tables. */
  version = 0;
  private readonly paths = new Map<string, string>();
  private readonly luts = new Map<string, Float32Array>();
  private measurer: SVGPathElement | null = null;

  /** Records the path `d` of edge `id` (no-op when unchanged). */
  set(id: string, d: string): void {
    if (this.paths.get(id) === d) return;
    this.paths.set(id, d);
    this.luts.delete(id);
    this.version++;
  }

  /** Forgets an edge (it was hidden or removed). */
  delete(id: string): void {
    if (this.paths.delete(id)) {
      this.luts.delete(id);
      this.version++;
    }
  }

  /** The SVG path `d` of edge `id` (flow coordinates), or undefined when it is not drawn. */
  path(id: string): string | undefined {
    return this.paths.get(id);
  }

  /** The lookup table of edge `id`, or undefined when it is not drawn. */
  lut(id: string): Float32Array | undefined {
    const cached = this.luts.get(id);
    if (cached) return cached;
    const d = this.paths.get(id);
    if (d === undefined) return undefined;
    const lut = this.sample(d);
    this.luts.set(id, lut);
    return lut;
  }

  private sample(d: string): Float32Array {
    if (!this.measurer)
      this.measurer = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    const path = this.measurer;
    path.setAttribute('d', d);
    const length = path.getTotalLength();
    const out = new Float32Array(LUT_POINTS * 4);
    for (let i = 0; i < LUT_POINTS; i++) {
      const p = path.getPointAtLength((length * i) / (LUT_POINTS - 1));
      out[i * 4] = p.x;
      out[i * 4 + 1] = p.y;
    }
    // Unit normals from neighbouring points (responses travel a little to the side of requests).
    for (let i = 0; i < LUT_POINTS; i++) {
      const a = Math.max(0, i - 1);
      const b = Math.min(LUT_POINTS - 1, i + 1);
      const dx = (out[b * 4] as number) - (out[a * 4] as number);
      const dy = (out[b * 4 + 1] as number) - (out[a * 4 + 1] as number);
      const len = Math.hypot(dx, dy) || 1;
      out[i * 4 + 2] = -dy / len;
      out[i * 4 + 3] = dx / len;
    }
    return out;
  }
}
