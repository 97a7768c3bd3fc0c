import { BUFFER, type Handler } from '../kit';

/**
 * What an imported function does with a message, since a template does not say: its work, then
 * each outgoing edge in order (waiting for each answer; the first failure fails the message). An
 * edge the template only implies ("may send") is taken by a share of the messages, from
 * `handlerOptions.shares` (edge id → 0–1).
 */
export const forwardHandler: Handler = (h) => {
  const options = h.config.record('handlerOptions');
  const shares = (options?.shares ?? {}) as Record<string, number>;
  h.work(() => {
    const next = (i: number): void => {
      const link = h.calls[i];
      if (!link) {
        h.done({ ok: true, status: h.trace.owner === BUFFER ? 202 : 200 });
        return;
      }
      const share = shares[link.id];
      if (share !== undefined && !h.rng.chance(share)) {
        next(i + 1);
        return;
      }
      h.call(link.id, (r) => (r.ok ? next(i + 1) : h.done(r)));
    };
    next(0);
  });
};
