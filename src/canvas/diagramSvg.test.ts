import { describe, expect, it } from 'vitest';
import { diagramSvg, documentFrame, labelLines, type DiagramCapture } from './diagramSvg';

const capture: DiagramCapture = {
  title: 'Queue <demo> & "friends"',
  caption: 't = 0:20.000 · seed 3 · 1×',
  totals: [
    { label: 'created', value: '771' },
    { label: 'lost', value: '0' },
  ],
  nodes: [
    {
      id: 'q',
      x: 100,
      y: 50,
      width: 176,
      height: 120,
      serviceName: 'Amazon SQS',
      label: 'SQS "Sales"',
      colour: '#E7157B',
      badges: [
        { key: 'visible', label: 'visible', value: '409', alert: false },
        { key: 'oldestAgeS', label: 'oldest', value: '1 min', alert: true },
        { key: 'inFlight', label: 'in flight', value: '5,000 / 5,000 / 5,000', alert: false },
      ],
    },
    {
      id: 'f',
      x: 400,
      y: 50,
      width: 176,
      height: 120,
      serviceName: 'AWS Lambda',
      label: 'Sales',
      colour: '#ED7100',
      badges: [],
    },
  ],
  edges: [
    {
      id: 'e1',
      d: 'M276 100L400 100',
      kind: 'poll',
      label: '3 · Read transactions',
      labelAt: { x: 338, y: 100, room: 124 },
    },
  ],
  dark: false,
};

describe('diagramSvg', () => {
  it('writes labels and numbers as escaped text, each number tagged with its badge id', () => {
    const svg = diagramSvg(capture);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/);
    expect(svg).toContain('>Queue &lt;demo&gt; &amp; &quot;friends&quot;</text>');
    expect(svg).toContain('>SQS &quot;Sales&quot;</text>');
    expect(svg).toMatch(/data-stat="q-visible"[^>]*>409<\/text>/);
    // An alert number is drawn in the error colour; a long one is narrowed to its cell.
    expect(svg).toMatch(/data-stat="q-oldestAgeS"[^>]*fill="#dc2626"[^>]*>1 min</);
    expect(svg).toMatch(/data-stat="q-inFlight"[^>]*textLength="[\d.]+"/);
    expect(svg).toContain('created 771');
    expect(svg).toContain('stroke-dasharray="2 4"');
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('frames the cards with a margin and breaks a label that does not fit its edge', () => {
    const frame = documentFrame(capture);
    expect(frame.width).toBeGreaterThanOrEqual(476 + 48);
    expect(frame.dx + 100).toBeGreaterThanOrEqual(24);
    expect(labelLines('3 · Read transactions', 124)).toEqual(['3 · Read', 'transactions']);
    expect(labelLines('Invoke', 124)).toEqual(['Invoke']);
    expect(diagramSvg(capture)).toContain('<tspan x="338" dy="13">transactions</tspan>');
  });

  it('uses the dark palette for a dark reader', () => {
    expect(diagramSvg({ ...capture, dark: true })).toContain('fill="#0c121d"');
  });
});
