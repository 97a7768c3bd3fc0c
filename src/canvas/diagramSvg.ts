/**
 * The diagram as a standalone SVG document, built from the graph model and the live numbers of one
 * moment (not a screenshot): every label and number stays text, so the file can be searched,
 * translated, restyled or pasted into slides and docs.
 */

/** One number under a card's title, as its badge shows it. */
export interface CapturedBadge {
  /** The stat key (`visible`, `inFlight`...). */
  key: string;
  label: string;
  /** The text the badge shows ("1.2k", "3.4 s"). */
  value: string;
  alert: boolean;
}

/** A card: where it is (flow coordinates), what it is, and its numbers. */
export interface CapturedNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  serviceName: string;
  label: string;
  sublabel?: string;
  colour: string;
  /** The kind's icon glyph: SVG markup in a 24 × 24 box, drawn white on the colour tile. */
  glyph?: string;
  badges: CapturedBadge[];
}

/** An edge: its drawn path and label. */
export interface CapturedEdge {
  id: string;
  d: string;
  kind: string;
  label?: string;
  /** Where the label sits (the path's midpoint) and the path's length, when it has one. */
  labelAt?: { x: number; y: number; room?: number };
}

/** Everything the SVG is made from. */
export interface DiagramCapture {
  title: string;
  /** "t = 0:30.000 · seed 1 · 10×" and the like. */
  caption: string;
  /** Totals shown under the diagram ("created 335", "completed 804"...). */
  totals: { label: string; value: string }[];
  nodes: CapturedNode[];
  edges: CapturedEdge[];
  dark: boolean;
}

const PALETTE = {
  light: {
    bg: '#f8f9fb',
    panel: '#ffffff',
    border: '#cbd5e1',
    fg: '#0f172a',
    muted: '#64748b',
    edge: '#8d99ab',
    bad: '#dc2626',
  },
  dark: {
    bg: '#0c121d',
    panel: '#111827',
    border: '#334155',
    fg: '#e5e9f0',
    muted: '#8b98ab',
    edge: '#65748b',
    bad: '#f87171',
  },
};
const FONT = "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
const MARGIN = 24;
const HEADER = 44;
const FOOTER = 40;

/** Escapes text for SVG content and attributes. */
export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The bounds of the cards and edge labels, in flow coordinates. */
export function diagramBounds(capture: Pick<DiagramCapture, 'nodes' | 'edges'>): {
  minX: number;
  minY: number;
  width: number;
  height: number;
} {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of capture.nodes) {
    minX = Math.min(minX, n.x);
    minY = Math.min(minY, n.y);
    maxX = Math.max(maxX, n.x + n.width);
    maxY = Math.max(maxY, n.y + n.height);
  }
  for (const e of capture.edges) {
    if (!e.labelAt) continue;
    minX = Math.min(minX, e.labelAt.x - 60);
    maxX = Math.max(maxX, e.labelAt.x + 60);
    minY = Math.min(minY, e.labelAt.y - 16);
    maxY = Math.max(maxY, e.labelAt.y + 8);
  }
  if (!Number.isFinite(minX)) return { minX: 0, minY: 0, width: 400, height: 200 };
  return { minX, minY, width: maxX - minX, height: maxY - minY };
}

/** The layout of the document: the diagram's flow box placed under a header. */
export function documentFrame(capture: Pick<DiagramCapture, 'nodes' | 'edges'>): {
  width: number;
  height: number;
  /** Flow coordinates → document coordinates: add these. */
  dx: number;
  dy: number;
} {
  const b = diagramBounds(capture);
  const width = Math.ceil(Math.max(b.width + 2 * MARGIN, 480));
  return {
    width,
    height: Math.ceil(b.height + 2 * MARGIN + HEADER + FOOTER),
    dx: Math.round((width - b.width) / 2 - b.minX),
    dy: Math.round(HEADER + MARGIN - b.minY),
  };
}

/** The SVG document for a capture. */
export function diagramSvg(capture: DiagramCapture): string {
  const c = capture.dark ? PALETTE.dark : PALETTE.light;
  const frame = documentFrame(capture);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${frame.width}" height="${frame.height}" viewBox="0 0 ${frame.width} ${frame.height}" font-family="${xmlEscape(FONT)}">`,
    `<title>${xmlEscape(`${capture.title}, ${capture.caption}`)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 10 5 0 10z" fill="${c.edge}"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="${c.bg}"/>`,
    `<text x="${MARGIN}" y="26" font-size="16" font-weight="600" fill="${c.fg}">${xmlEscape(capture.title)}</text>`,
    `<text x="${frame.width - MARGIN}" y="26" font-size="12" text-anchor="end" fill="${c.muted}" font-variant-numeric="tabular-nums">${xmlEscape(capture.caption)}</text>`,
    `<g transform="translate(${frame.dx} ${frame.dy})">`,
  );
  for (const e of capture.edges) {
    const dash =
      e.kind === 'async' || e.kind === 'subscription' || e.kind === 'rule'
        ? ' stroke-dasharray="6 4"'
        : e.kind === 'poll'
          ? ' stroke-dasharray="2 4"'
          : '';
    out.push(
      `<path data-edge="${xmlEscape(e.id)}" d="${xmlEscape(e.d)}" fill="none" stroke="${c.edge}" stroke-width="1.5"${dash} marker-end="url(#arrow)"/>`,
    );
  }
  for (const n of capture.nodes) out.push(nodeSvg(n, c));
  // Edge labels last, so a short edge's label stays readable where it meets a card.
  for (const e of capture.edges) {
    if (!e.label || !e.labelAt) continue;
    const lines = labelLines(e.label, e.labelAt.room ?? Infinity);
    const x = round(e.labelAt.x);
    const tspans = lines
      .map((line, i) => `<tspan x="${x}" dy="${i === 0 ? 0 : 13}">${xmlEscape(line)}</tspan>`)
      .join('');
    out.push(
      `<text x="${x}" y="${round(e.labelAt.y - 5 - 13 * (lines.length - 1))}" font-size="11" text-anchor="middle" fill="${c.muted}" paint-order="stroke" stroke="${c.bg}" stroke-width="4" stroke-linejoin="round">${tspans}</text>`,
    );
  }
  out.push('</g>');
  const totals = capture.totals.map((t) => `${t.label} ${t.value}`).join('   ·   ');
  out.push(
    `<text x="${MARGIN}" y="${frame.height - 16}" font-size="12" fill="${c.fg}" font-variant-numeric="tabular-nums">${xmlEscape(totals)}</text>`,
    '</svg>',
  );
  return out.join('\n');
}

function nodeSvg(n: CapturedNode, c: (typeof PALETTE)['light']): string {
  const parts: string[] = [];
  const height = Math.max(n.height, cardHeight(n));
  parts.push(
    `<g data-node="${xmlEscape(n.id)}" transform="translate(${round(n.x)} ${round(n.y)})">`,
    `<rect width="${round(n.width)}" height="${round(height)}" rx="10" fill="${c.panel}" stroke="${c.border}"/>`,
    `<rect width="${round(n.width)}" height="3" rx="1.5" fill="${n.colour}"/>`,
    `<rect x="10" y="12" width="22" height="22" rx="5" fill="${n.colour}"/>`,
    n.glyph
      ? `<g transform="translate(10 12) scale(${22 / 24})" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${n.glyph}</g>`
      : '',
    `<text x="40" y="20" font-size="11" fill="${c.muted}">${xmlEscape(n.serviceName.toUpperCase())}</text>`,
    `<text x="40" y="34" font-size="12" font-weight="600" fill="${c.fg}">${xmlEscape(n.label)}</text>`,
  );
  let y = 34;
  if (n.sublabel) {
    y += 14;
    parts.push(
      `<text x="40" y="${y}" font-size="11" fill="${c.muted}">${xmlEscape(n.sublabel)}</text>`,
    );
  }
  // Badges two to a row, label above value, as on the card.
  const columns = 2;
  const cellWidth = (n.width - 20) / columns;
  n.badges.forEach((b, i) => {
    const col = i % columns;
    const row = Math.floor(i / columns);
    const x = 10 + col * cellWidth;
    const top = y + 10 + row * 30;
    // A value wider than its cell ("5,000 / 5,000") is narrowed, still as text.
    const room = cellWidth - 6;
    const squeeze =
      b.value.length * 7.6 > room
        ? ` textLength="${round(room)}" lengthAdjust="spacingAndGlyphs"`
        : '';
    parts.push(
      `<text x="${round(x)}" y="${round(top + 11)}" font-size="11" fill="${c.muted}">${xmlEscape(b.label)}</text>`,
      `<text data-stat="${xmlEscape(`${n.id}-${b.key}`)}" x="${round(x)}" y="${round(top + 25)}" font-size="13" font-weight="600" fill="${b.alert ? c.bad : c.fg}" font-variant-numeric="tabular-nums"${squeeze}>${xmlEscape(b.value)}</text>`,
    );
  });
  parts.push('</g>');
  return parts.join('');
}

/** The height a card needs for its badges (the captured height may be smaller in the SVG's grid). */
export function cardHeight(n: Pick<CapturedNode, 'sublabel' | 'badges'>): number {
  const rows = Math.ceil(n.badges.length / 2);
  return 34 + (n.sublabel ? 14 : 0) + 10 + rows * 30 + 8;
}

/** A label on one line when the edge has room for it, else on two, broken at the middle space. */
export function labelLines(label: string, room: number): string[] {
  if (label.length * 6 <= room || !label.includes(' ')) return [label];
  const middle = label.length / 2;
  let best = -1;
  for (let i = 0; i < label.length; i++)
    if (label[i] === ' ' && (best < 0 || Math.abs(i - middle) < Math.abs(best - middle))) best = i;
  return [label.slice(0, best), label.slice(best + 1)];
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
