/**
 * Closed forms of queueing theory, used to check the simulated queues (formulas as in the
 * project's conformance notes). λ arrival rate, μ service rate per server, c servers.
 */

/** M/M/1: mean number in system L, in queue Lq, time in system W and waiting Wq (in 1/λ units). */
export function mm1(
  lambda: number,
  mu: number,
): { rho: number; L: number; Lq: number; W: number; Wq: number } {
  const rho = lambda / mu;
  return {
    rho,
    L: rho / (1 - rho),
    Lq: (rho * rho) / (1 - rho),
    W: 1 / (mu - lambda),
    Wq: rho / (mu - lambda),
  };
}

/** Erlang C: probability that an arrival waits in an M/M/c queue. */
export function erlangC(c: number, lambda: number, mu: number): number {
  const a = lambda / mu;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const top = ((term * a) / c) * (c / (c - a));
  return top / (sum + top);
}

/** M/M/c: Erlang C probability of waiting, Lq, Wq, W, L. */
export function mmc(
  c: number,
  lambda: number,
  mu: number,
): { C: number; rho: number; L: number; Lq: number; W: number; Wq: number } {
  const rho = lambda / (c * mu);
  const C = erlangC(c, lambda, mu);
  const Lq = (C * rho) / (1 - rho);
  const Wq = Lq / lambda;
  const W = Wq + 1 / mu;
  return { C, rho, Lq, Wq, W, L: lambda * W };
}

/** M/D/1 (Pollaczek–Khinchine with deterministic service): Lq and W. */
export function md1(lambda: number, serviceTime: number): { Lq: number; Wq: number; W: number } {
  const rho = lambda * serviceTime;
  const Lq = (rho * rho) / (2 * (1 - rho));
  const Wq = Lq / lambda;
  return { Lq, Wq, W: Wq + serviceTime };
}

/** Erlang B: blocking probability with c servers and no waiting room, offered load a = λ/μ. */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}
