import { describe, expect, it, vi } from 'vitest';

describe('kinds loaded with the patterns that use them', () => {
  it('refuses a heavy kind until it is loaded, then finds it; light kinds are always there', async () => {
    // A fresh copy of the registry, without test/setup.ts's registerAllKinds().
    vi.resetModules();
    const kinds = await import('./index');
    expect(() => kinds.kindModule('sqs')).not.toThrow();
    for (const kind of ['sns', 'eventBridge', 'stepFunctions', 'pipe'] as const) {
      expect(kinds.hasModel(kind)).toBe(true);
      expect(() => kinds.kindModule(kind)).toThrow(`"${kind}" is not loaded yet`);
    }
    await kinds.loadKinds(['sns', 'sqs', 'sns']);
    expect(kinds.kindModule('sns')).toBe((await import('./sns')).snsKind);
    expect(() => kinds.kindModule('stepFunctions')).toThrow(/not loaded yet/);
    await kinds.loadKinds(['eventBridge', 'stepFunctions']);
    expect(kinds.kindModule('stepFunctions')).toBe(
      (await import('./stepFunctions')).stepFunctionsKind,
    );
    await kinds.loadKinds(['pipe']);
    expect(kinds.kindModule('pipe')).toBe((await import('./pipe')).pipeKind);
  });
});
