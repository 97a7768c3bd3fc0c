import { describe, expect, it } from 'vitest';
import { messageBus } from '../patterns/message-bus';
import { layoutArchitecture } from './architectureLayout';
import { kindView } from './kinds';

describe('layoutArchitecture (ELK, for architectures nobody placed by hand)', () => {
  it('places every card, none over another, each edge leading left to right', async () => {
    const at = await layoutArchitecture(messageBus);
    expect([...at.keys()].sort()).toEqual(messageBus.nodes.map((n) => n.id).sort());
    const boxes = messageBus.nodes.map((n) => ({
      id: n.id,
      ...at.get(n.id)!,
      w: kindView(n.kind).width,
      h: kindView(n.kind).height,
    }));
    for (const a of boxes)
      for (const b of boxes) {
        if (a.id >= b.id) continue;
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
        expect(apart, `${a.id} and ${b.id} overlap`).toBe(true);
      }
    for (const e of messageBus.edges)
      expect(at.get(e.source)!.x, e.id).toBeLessThan(at.get(e.target)!.x);
  }, 30_000);
});
