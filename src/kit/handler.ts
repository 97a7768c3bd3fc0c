import type { Rng } from '../engine';
import type { ConfigReader } from './config';
import type { Link, Request } from './link';
import { BUFFER, fail, type Result, type Trace } from './messages';

/**
 * What a handler sees while it runs one message inside a function invocation (or an instance's
 * processing): the message, the node's settings, and the calls it may make. Once the invocation
 * ended (it timed out: AWS stops the function), `work` and `call` quietly do nothing.
 */
export interface HandlerContext {
  readonly trace: Trace;
  readonly nodeId: string;
  readonly config: ConfigReader;
  readonly rng: Rng;
  /** The links this node calls or sends along, in definition order (only the active ones). */
  readonly calls: readonly Link[];
  /** Whether the edge is part of this run (its `visibleWhen` holds). */
  has(edgeId: string): boolean;
  /** Spends the node's sampled duration, then fails the message at its error rate or goes on. */
  work(then: () => void): void;
  /** Calls along one edge and gives the answer to `then`; `request` for a call to an API route. */
  call(edgeId: string, then: (result: Result) => void, request?: Request): void;
  /** Ends this message's handling; call once. */
  done(result: Result): void;
}

/** A pattern-specific behaviour, named by a node's `handler`. */
export type Handler = (h: HandlerContext) => void;

/** Handlers by name, as a pattern's folder exports them. */
export type HandlerMap = Readonly<Record<string, Handler>>;

/**
 * The behaviour of a node without a handler: do the work, then call every outgoing edge in
 * order, waiting for each; the first failure fails the message. Answers 202 when the message was
 * handed to a buffer on the way (accepted, not done), 200 otherwise.
 */
export const defaultHandler: Handler = (h) => {
  h.work(() => {
    const next = (i: number): void => {
      const link = h.calls[i];
      if (!link) {
        h.done({ ok: true, status: h.trace.owner === BUFFER ? 202 : 200 });
        return;
      }
      h.call(link.id, (r) => (r.ok ? next(i + 1) : h.done(r)));
    };
    next(0);
  });
};

/** What a kind gives {@link createHandlerContext}. */
export interface HandlerHost {
  nodeId: string;
  /** The node's settings in force (replaced on every reconfigure). */
  config: ConfigReader;
  rng: Rng;
  calls: readonly Link[];
  /** Schedules `then` after the handler's work time, or fails at the error rate. */
  work(then: () => void, fail: (result: Result) => void): void;
  schedule(ms: number, fn: () => void): void;
}

/**
 * A handler context for one message of one invocation. `alive` says whether the invocation is
 * still running; `finish` receives the handler's result once.
 */
export function createHandlerContext(
  host: HandlerHost,
  trace: Trace,
  alive: () => boolean,
  finish: (result: Result) => void,
): HandlerContext {
  let finished = false;
  const done = (result: Result): void => {
    if (finished || !alive()) return;
    finished = true;
    finish(result);
  };
  return {
    trace,
    nodeId: host.nodeId,
    get config() {
      return host.config;
    },
    rng: host.rng,
    calls: host.calls,
    has: (edgeId) => host.calls.some((l) => l.id === edgeId),
    work: (then) =>
      host.work(
        () => {
          if (alive()) then();
        },
        (r) => done(r),
      ),
    call: (edgeId, then, request) => {
      if (!alive()) return;
      const link = host.calls.find((l) => l.id === edgeId);
      if (!link) {
        done(fail('error', `${host.nodeId} has no edge "${edgeId}" in this run`));
        return;
      }
      link.call(
        trace,
        (r) => {
          if (alive()) then(r);
        },
        request,
      );
    },
    done,
  };
}
