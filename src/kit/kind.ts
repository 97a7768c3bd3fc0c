import type { Rng, World } from '../engine';
import type { ConfigReader } from './config';
import type { GraphNode, ServiceKind } from './definition';
import type { Handler } from './handler';
import type { Link, Request } from './link';
import type { Messages, Reply, Trace } from './messages';
import type { Narrate } from './narration';

/** Live numbers of a node, for badges, charts and the CLI. */
export type NodeStats = Record<string, number>;

/**
 * A running node: what every service kind offers the assembler. Models stay in src/aws; a kind
 * wraps one (or a few) and speaks this one interface.
 */
export interface NodeInstance {
  /**
   * A message arrives over `link` (a call, a hand-off, a write, a delivery). `reply` is called
   * exactly once with the answer the caller gets. `request` is the HTTP method and path of a
   * call to an API.
   */
  accept(trace: Trace, reply: Reply, link: Link, request?: Request): void;
  /**
   * A batch of messages over a `sync` edge in one call (an EventBridge pipe invoking a function or
   * an Express state machine with its batch): one answer for the whole batch. Kinds without it
   * get the messages one by one.
   */
  acceptBatch?(traces: readonly Trace[], reply: Reply, link: Link): void;
  /** The node's config (and its links' configs) changed: apply it to the running models. */
  reconfigure(config: ConfigReader): void;
  /** Live numbers; the keys are the kind's `statKeys` (some only where they apply). */
  stats(): NodeStats;
  /** Called once every node exists and every link is wired (start traffic, pollers...). */
  start?(): void;
  /**
   * Applies an edited rule (filter policy, event pattern) to one of this node's outgoing links.
   * Returns AWS's error text when the rule is invalid; the link then keeps its current rule.
   */
  setRule?(link: Link, rule: Record<string, unknown>): string | undefined;
  /** Why a message does not pass the rule of one of this node's outgoing links. */
  explainRule?(link: Link, msgId: number): string[];
  /** The last few messages an outgoing link's rule filtered out (their ids). */
  recentFiltered?(link: Link): number[];
  /** Per outgoing edge (a subscription, a rule target): its own counts. */
  edgeStats?(): Record<string, NodeStats>;
  /** Starts its statistics (averages, maxima, distributions) afresh after a warm-up period. */
  resetStatistics?(): void;
  /** Entry points only: stop producing traffic (the tests then watch the system drain). */
  stop?(): void;
  /** Entry points only: the assembler hooks "response" flows here (an answer reached the node). */
  onResponse?: ((id: number) => void) | undefined;
}

/** A node of a run: its definition, its links and its instance. */
export interface NodeRuntime {
  readonly node: GraphNode;
  /** Links leaving this node, in definition order (only the active ones). */
  readonly out: Link[];
  /** Links arriving at this node. */
  readonly in: Link[];
  instance: NodeInstance;
}

/** What a kind's `create` gets. */
export interface NodeContext {
  readonly world: World;
  readonly messages: Messages;
  readonly runtime: NodeRuntime;
  readonly config: ConfigReader;
  /** The node's own random stream (split by node id, so other nodes do not shift it). */
  readonly rng: Rng;
  /** The pattern's handler named by the node, if any. */
  readonly handler: Handler | undefined;
  /** Shared by every node of the run (e.g. the account's Lambda concurrency). */
  readonly shared: Map<string, unknown>;
  /**
   * Says (or, with undefined, takes back) why a setting could not be applied as given: AWS would
   * refuse it, so the node uses the nearest value it would accept. The app and the CLI show these.
   */
  note(message: string | undefined): void;
}

/**
 * One module per service kind: how to create its running node from config. `statKeys` lists
 * every stat it may report, so a chart series naming a stat that does not exist fails the
 * pattern's integrity test instead of drawing a silently blank chart.
 */
export interface KindModule {
  readonly kind: ServiceKind;
  readonly statKeys: readonly string[];
  create(ctx: NodeContext): NodeInstance;
  /**
   * Says in one sentence what an event did at a node of this kind (the narrated Step), from the
   * moves and the node's stats before and after; undefined when nothing visible changed there.
   * Without it, Step says plainly which message arrived or left.
   */
  readonly narrate?: Narrate;
}
