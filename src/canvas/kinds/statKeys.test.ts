import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { hasModel, kindModule } from '../../kit/kinds';
import { kindView, kindViews, type Stats } from '.';

/** Every stat key a kind's badges and alarm read, found by drawing them over a recording object. */
function keysRead(kind: Parameters<typeof kindView>[0]): string[] {
  const read = new Set<string>();
  const stats = new Proxy({} as Stats, {
    get(_, key) {
      if (typeof key === 'string') read.add(key);
      return undefined;
    },
  });
  const view = kindView(kind);
  for (const role of [undefined, 'deadLetterQueue'] as const) {
    renderToStaticMarkup(createElement(view.Badges, { nodeId: 'n', stats, role, colour: '' }));
    view.alarm(stats, role);
  }
  return [...read].sort();
}

describe('the cards read what the models report', () => {
  for (const { kind } of kindViews.filter((v) => hasModel(v.kind))) {
    it(`${kind}: every stat its card reads is one its model may report`, () => {
      const reported = new Set(kindModule(kind).statKeys);
      const read = keysRead(kind);
      expect(read.length).toBeGreaterThan(0);
      expect(read.filter((key) => !reported.has(key))).toEqual([]);
    });
  }
});
