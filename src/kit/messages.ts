import { Fate, type DropReason, type FlowLatency, type World } from '../engine';
import type { Payload } from './payload';

/**
 * Who holds a message now and decides its fate: the entry point that created it, the first
 * function invocation that took it, a buffer it was handed to (a queue, a topic, an asynchronous
 * invocation queue), or a consumer's attempt at it. Plain tokens compared by identity.
 */
export interface Custodian {
  readonly name: string;
  /** The node it belongs to: where a message it settles ends (for per-node "ended" flows). */
  readonly node?: string;
  /** An entry point: the first function invocation that gets the message takes it over. */
  readonly entry?: boolean;
}

/**
 * Takes a message over from an entry point (a function invocation starting on it); a message
 * that a buffer or an earlier invocation already holds stays where it is. Returns whether `by`
 * now holds it.
 */
export function takeCustody(trace: Trace, by: Custodian): boolean {
  if (!trace.owner.entry) return trace.owner === by;
  trace.owner = by;
  return true;
}

/** The custodian of a message that a buffer (queue, topic, event bus) now holds. */
export const BUFFER: Custodian = { name: 'buffer' };

/** Why a call failed, as the caller sees it. */
export type FailureKind = 'throttled' | 'timeout' | 'error' | 'notFound' | 'refused';

/**
 * The answer to a call. `status` is an HTTP status where one applies. A call can answer well yet
 * carry a failed business outcome (`fate`: a function that turns a throttle into a 429 proxy
 * response), which is what the ledger records when its custodian settles it.
 */
export type Result =
  | { ok: true; status?: number; fate?: DropReason }
  | {
      ok: false;
      error: FailureKind;
      status?: number;
      message?: string;
      /** Refused by an API gateway's own throttle or route table: it never reached the backend. */
      atGateway?: boolean;
    };

/** Called exactly once with a call's answer. */
export type Reply = (result: Result) => void;

/** The success result, shared (results are never mutated). */
export const OK: Result = { ok: true };

/** A failed result. */
export function fail(error: FailureKind, message?: string, status?: number): Result {
  return { ok: false, error, ...(message ? { message } : {}), ...(status ? { status } : {}) };
}

/** The ledger's reason for a failure kind. */
export function dropReason(error: FailureKind): DropReason {
  return error === 'throttled' ? 'throttled' : error === 'timeout' ? 'timedOut' : 'error';
}

/**
 * One message on its way through a chain of synchronous calls: its ledger id and who holds it.
 * A new trace starts at an entry point, and again at each receive from a buffer; only the
 * message's id is stored while it waits in a buffer, so waiting messages stay small.
 */
export class Trace {
  constructor(
    readonly id: number,
    public owner: Custodian,
    /** 1 for a first delivery, n for the n-th receive from a queue (drawn as a retry). */
    readonly attempt = 1,
    /** Received from a buffer that still holds the message until it is deleted. */
    readonly fromBuffer = false,
  ) {}
}

/** One message lost at a node: which, when, why, after how many attempts. */
export interface Grave {
  id: number;
  /** The message that entered the system this one descends from (fan-out deliveries). */
  root: number;
  atMs: number;
  reason: DropReason;
  attempts: number;
  detail: string;
}

const GRAVES_KEPT = 100;

/** A flow measured up to an end event, with its latencies. */
interface EndedFlow {
  fate: 'completed' | 'deadLettered' | 'dropped';
  /** Only messages that end at this node. */
  node: string | undefined;
  latency: FlowLatency;
}

/**
 * The run's messages: creation times and hand-off marks by ledger id (typed columns: a few bytes
 * a message), and every fate goes through here so that the "ended" flows see it. Models never
 * touch the ledger; node kinds call these methods.
 */
export class Messages {
  private createdAt = new Float64Array(1024);
  /** How many buffers hold the message now (a queue keeps it until a consumer deletes it). */
  private holders = new Uint8Array(1024);
  private readonly endedFlows: EndedFlow[] = [];
  /** Index into {@link payloads} of what each message carries (0: the empty payload). */
  private variants = new Uint16Array(1024);
  /** The run's payload table; entry 0 is the empty payload. */
  readonly payloads: Payload[] = [{ body: {}, attributes: {} }];
  private readonly payloadIndex = new Map<string, number>();
  /** Lost messages by node, most recent last (bounded), for the view's graveyard. */
  private readonly graves = new Map<string, Grave[]>();
  /** Duplicates made by at-least-once delivery (a redelivered message handed off again). */
  duplicates = 0;

  constructor(private readonly world: World) {}

  /** A new message enters the system now. */
  create(): number {
    const id = this.world.ledger.create();
    this.ensure(id);
    this.createdAt[id] = this.world.sim.now;
    return id;
  }

  /** Fans message `id` out into `count` deliveries; returns the first delivery's id (0 if none). */
  fanOut(id: number, count: number): number {
    if (count <= 0) {
      this.drop(id, 'noSubscriber');
      return 0;
    }
    const first = this.world.ledger.fanOut(id, count);
    this.ensure(first + count);
    const at = this.createdAtOf(id);
    const variant = this.variants[id] as number;
    for (let i = 0; i < count; i++) {
      this.createdAt[first + i] = at;
      this.variants[first + i] = variant;
    }
    return first;
  }

  /** Adds a payload to the run's table (once per distinct payload) and returns its index. */
  registerPayload(payload: Payload): number {
    const key = JSON.stringify(payload);
    let index = this.payloadIndex.get(key);
    if (index === undefined) {
      index = this.payloads.length;
      if (index > 65_535) throw new Error('a run can have at most 65,535 kinds of payload');
      this.payloads.push(payload);
      this.payloadIndex.set(key, index);
    }
    return index;
  }

  /** Sets what message `id` carries. */
  setVariant(id: number, variant: number): void {
    this.variants[id] = variant;
  }

  /** The index of what message `id` carries. */
  variantOf(id: number): number {
    return this.variants[id] ?? 0;
  }

  /** What message `id` carries. */
  payloadOf(id: number): Payload {
    return this.payloads[this.variants[id] ?? 0] as Payload;
  }

  /**
   * Ends a message as lost at `node` and keeps the last few such losses there, with why and after
   * how many attempts, for the view's graveyard.
   */
  lose(node: string, id: number, reason: DropReason, attempts: number, detail: string): void {
    this.drop(id, reason, node);
    let list = this.graves.get(node);
    if (!list) this.graves.set(node, (list = []));
    list.push({
      id,
      root: this.world.ledger.rootOf(id),
      atMs: this.world.sim.now,
      reason,
      attempts,
      detail,
    });
    if (list.length > GRAVES_KEPT) list.splice(0, list.length - GRAVES_KEPT);
  }

  /** The most recent losses at each node (at most 100 each), oldest first. */
  graveyard(): Record<string, readonly Grave[]> {
    return Object.fromEntries(this.graves);
  }

  /** Virtual time now. */
  now(): number {
    return this.world.sim.now;
  }

  /** When the message (or the message it was fanned out from) entered the system. */
  createdAtOf(id: number): number {
    return this.createdAt[id] ?? 0;
  }

  /** Measures the latency from creation to a fate for every message that ends with it. */
  measureEnded(fate: EndedFlow['fate'], latency: FlowLatency, node?: string): void {
    this.endedFlows.push({ fate, node, latency });
  }

  /**
   * Marks a hand-off to a buffer and returns the id the buffer keeps. Normally the message's own;
   * a copy, counted as a duplicate, when the message is already held by a buffer other than the
   * one this trace came from. That is at-least-once delivery made visible: a consumer that
   * forwarded a message and then failed gets it again, and forwards it again.
   */
  handOff(trace: Trace): number {
    const id = trace.id;
    const holders = this.holders[id] as number;
    const own = holders === 0 || (trace.fromBuffer && holders === 1);
    trace.owner = BUFFER;
    // A message whose fate is already recorded (its caller gave up on it) cannot travel on as
    // itself either.
    if (own && this.world.ledger.fateOf(id) === Fate.InSystem) {
      this.holders[id] = holders + 1;
      return id;
    }
    this.duplicates++;
    const copy = this.world.ledger.create();
    this.ensure(copy);
    this.createdAt[copy] = this.createdAtOf(id);
    this.variants[copy] = this.variants[id] as number;
    this.holders[copy] = 1;
    return copy;
  }

  /** A buffer lets go of a message it passed on (deleted after a consumer forwarded it). */
  release(id: number): void {
    const holders = this.holders[id] as number;
    if (holders > 0) this.holders[id] = holders - 1;
  }

  /** Ends a message well (at `node`, where known). */
  complete(id: number, node?: string): void {
    this.world.ledger.complete(id);
    this.recordEnded('completed', id, node);
  }

  /** Ends a message as lost or refused. */
  drop(id: number, reason: DropReason, node?: string): void {
    this.world.ledger.drop(id, reason);
    this.recordEnded('dropped', id, node);
  }

  /** Ends a message in a dead-letter queue. */
  deadLetter(id: number, node?: string): void {
    this.world.ledger.deadLetter(id);
    this.recordEnded('deadLettered', id, node);
  }

  /**
   * The custodian `by` settles the message's fate from a call's result, if it still holds it:
   * ok → completed (unless the result carries a failed business outcome), failed → dropped.
   */
  settle(trace: Trace, by: Custodian, result: Result): void {
    if (trace.owner !== by) return;
    trace.owner = SETTLED;
    if (result.ok) {
      if (result.fate) this.drop(trace.id, result.fate, by.node);
      else this.complete(trace.id, by.node);
    } else this.drop(trace.id, dropReason(result.error), by.node);
  }

  private recordEnded(fate: EndedFlow['fate'], id: number, node: string | undefined): void {
    if (this.endedFlows.length === 0) return;
    const ms = this.world.sim.now - this.createdAtOf(id);
    for (const f of this.endedFlows)
      if (f.fate === fate && (f.node === undefined || f.node === node)) f.latency.record(ms);
  }

  private ensure(id: number): void {
    if (id < this.createdAt.length) return;
    let size = this.createdAt.length;
    while (size <= id) size *= 2;
    const createdAt = new Float64Array(size);
    createdAt.set(this.createdAt);
    this.createdAt = createdAt;
    const holders = new Uint8Array(size);
    holders.set(this.holders);
    this.holders = holders;
    const variants = new Uint16Array(size);
    variants.set(this.variants);
    this.variants = variants;
  }
}

/** The custodian of a message whose fate is already in the ledger. */
const SETTLED: Custodian = { name: 'settled' };
