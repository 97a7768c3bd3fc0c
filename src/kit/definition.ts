/**
 * A pattern as data: the JSON-serialisable definition that drives the canvas, the engine, the URL,
 * the embed, the CLI and the tests. `schema.ts` checks one; `assemble.ts` turns one into a run.
 * Nothing here is code: behaviour specific to a pattern lives in handlers, named by `handler`.
 */

/** The kinds of service a node can be; `kinds/` has one model module per kind, the view one card. */
export type ServiceKind =
  | 'user'
  | 'apiGateway'
  | 'lambda'
  | 'sqs'
  | 'sns'
  | 'eventBridge'
  | 'stepFunctions'
  | 'aurora'
  | 'ec2'
  | 'email'
  | 'store'
  | 'pipe'
  | 'opaque';

/** A parameter's value: numbers for sliders, strings for choices, booleans for switches. */
export type ParamValue = number | string | boolean;

/** Parameter values by id. */
export type ParamValues = Record<string, ParamValue>;

/** A parameter has a value (e.g. only with the queue). */
export interface ParamEquals {
  param: string;
  equals: ParamValue;
}

/** A condition on parameter values: one parameter's value, or several that must all hold. */
export type ParamCondition = ParamEquals | { all: ParamEquals[] };

/**
 * A value in a node's or edge's config: a constant, a binding to a parameter, a choice between two
 * values by a condition, or a list or record of those. Bindings are re-resolved whenever a
 * parameter changes, so the parameter → config mapping is written once, here, as data.
 * - `{ "$param": "visibilityTimeoutS", "times": 1000 }`: the parameter's value × 1000 (+ `plus`).
 * - `{ "$if": { "param": "withoutQueue", "equals": true }, "then": 5, "else": null }`.
 */
export type ConfigValue =
  | number
  | string
  | boolean
  | null
  | ParamBinding
  | ConditionalValue
  | ConfigValue[]
  | { [key: string]: ConfigValue };

/** A parameter's value, optionally scaled: `value × times + plus`. */
export interface ParamBinding {
  $param: string;
  times?: number;
  plus?: number;
}

/** `then` while the condition holds, `else` otherwise. */
export interface ConditionalValue {
  $if: ParamCondition;
  then: ConfigValue;
  else: ConfigValue;
}

/** A node's config: named values, resolved against the parameters into plain JSON. */
export type NodeConfig = Record<string, ConfigValue>;

/** What a node is for, where its kind alone does not say (the view draws a DLQ differently). */
export type NodeRole = 'deadLetterQueue';

/** A node of the pattern's graph: where it is drawn, what it is, how it is configured. */
export interface GraphNode {
  id: string;
  kind: ServiceKind;
  /** Main label, as in the seed diagram (e.g. `Lambda "Customer"`). */
  label: string;
  /** Second line (e.g. "/payments"). */
  sublabel?: string;
  /** A place on the sketch grid (x to the right, y down, in px at zoom 1). */
  position: { x: number; y: number };
  role?: NodeRole;
  /** Only part of the run (and drawn) while the condition holds. */
  visibleWhen?: ParamCondition;
  /** The kind's settings; see the kind's module in `src/kit/kinds/` for the keys it reads. */
  config?: NodeConfig;
  /** A pattern-specific handler by name (compute kinds); the kind's default otherwise. */
  handler?: string;
}

/**
 * How a message travels an edge:
 * - `sync`: a call whose caller waits for the answer (drawn there and back);
 * - `async`: a hand-off to a buffer (SendMessage, Publish, an asynchronous invoke): the buffer owns
 *   the message from then on;
 * - `poll`: a consumer polling a queue (the event source mapping's settings live on the edge);
 * - `redrive`: a queue's dead-letter queue;
 * - `subscription`, `rule`: pub/sub deliveries, with their filter policy or event pattern;
 * - `write`: a query to a data store.
 */
export type EdgeKind = 'sync' | 'async' | 'poll' | 'redrive' | 'subscription' | 'rule' | 'write';

/** A directed edge; `id` is what hop events refer to. */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  label?: string;
  /** Side of the source / target node the edge attaches to (default right / left). */
  sourceSide?: 'top' | 'right' | 'bottom' | 'left';
  targetSide?: 'top' | 'right' | 'bottom' | 'left';
  visibleWhen?: ParamCondition;
  /**
   * One-way network time, a distribution config (default: within a Region, log-normal 1.5 ms).
   * `{ "kind": "lognormal", "mean": 25, "cv": 0.3 }` for a user over the internet.
   */
  latency?: ConfigValue;
  /** Settings that belong to the edge (an event source mapping's batch size...). */
  config?: NodeConfig;
  /** An SNS subscription's filter policy. */
  filterPolicy?: Record<string, unknown>;
  /** An EventBridge rule's event pattern. */
  eventPattern?: Record<string, unknown>;
  /** An API route this edge serves. */
  route?: { method: string; path: string };
  /**
   * Only implied, not stated (an imported template's function that is allowed to send there):
   * drawn dashed, as "may send".
   */
  inferred?: boolean;
}

/** What every parameter has besides its kind-specific fields. */
interface ParamCommon {
  id: string;
  label: string;
  description: string;
  /** Only meaningful when the condition holds (the view greys it out otherwise). */
  usedWhen?: ParamCondition;
  /** The node(s) it belongs to: the details panel shows it there, the params panel groups by it. */
  node?: string | string[];
  /** Changing it rebuilds the run from t = 0 (it rewires the graph); otherwise it applies live. */
  restarts?: boolean;
}

/** A parameter exposed as a control, in the URL and in the CLI's `--set`. Ids are stable contracts. */
export type ParamSpec = ParamCommon &
  (
    | {
        kind: 'number';
        unit: string;
        min: number;
        max: number;
        step: number;
        default: number;
        /** Draw the slider on a logarithmic scale (rates spanning decades). */
        log?: boolean;
      }
    | {
        kind: 'choice';
        unit: '';
        options: { value: string; label: string }[];
        default: string;
      }
    | {
        kind: 'boolean';
        unit: '';
        default: boolean;
      }
  );

/**
 * What a flow measures, from the moment its message was created:
 * - `response`: until the answer is back at `node` (an entry point);
 * - `reached`: until `node` first handled it successfully (a database has the row);
 * - `ended`: until the ledger gave it this fate (at `node`, if given: a consumer that completed it);
 * - `call`: not from creation but per call across `edge` (only requests for `path`, if given):
 *   from the caller sending it until the answer is back, as the caller sees one route.
 */
export type FlowMeasure =
  | { kind: 'response'; node: string }
  | { kind: 'call'; edge: string; path?: string }
  | { kind: 'reached'; node: string }
  | { kind: 'ended'; fate: 'completed' | 'deadLettered' | 'dropped'; node?: string };

/** An end-to-end path whose latency is measured (e.g. the user's response). */
export interface FlowSpec {
  id: string;
  label: string;
  description: string;
  measure: FlowMeasure;
}

/**
 * Ledger totals a chart can draw. `lost` is `dropped` without the deliveries a filter policy or
 * rule filtered out (those were not wanted, so they are not lost).
 */
export type LedgerTotal =
  'created' | 'completed' | 'deadLettered' | 'dropped' | 'lost' | 'inSystem';

/** Where a chart series' numbers come from. `rate` turns a count into a per-second rate. */
export type SeriesSource =
  | { node: string; stat: string; rate?: boolean }
  /** A stat the edge's source node reports for it (a route's 429s, a subscription's losses). */
  | { edge: string; stat: string; rate?: boolean }
  | { flow: string; percentile: number }
  | { flow: string; rate: true }
  | { ledger: LedgerTotal; rate?: boolean };

/** A chart of the pattern: a title and its series. */
export interface ChartSpec {
  id: string;
  title: string;
  unit: string;
  series: { id: string; label: string; color: string; source: SeriesSource }[];
  /** Shown only when the condition holds (a queue chart without the queue is hidden). */
  visibleWhen?: ParamCondition;
}

/**
 * A number of a run that a tour step waits for or checks: a node's stat, an edge's count (a
 * route's, a subscription's), a ledger total, a flow's percentile (ms).
 */
export type TourStat =
  | { node: string; stat: string }
  | { edge: string; stat: string }
  | { ledger: LedgerTotal }
  | { flow: string; percentile: number };

/**
 * A condition on one number of the run: above or below a value, or risen, fallen or unchanged
 * (`steady`) since the tour step began (all the given tests must hold).
 */
export interface StatCheck {
  stat: TourStat;
  above?: number;
  below?: number;
  rose?: true;
  fell?: true;
  steady?: true;
}

/**
 * How far a tour step runs: `afterS` simulated seconds, or until every `when` check holds (looked
 * at every 100 ms of simulated time), giving up after `withinS` simulated seconds.
 */
export type TourMoment = { afterS: number } | { when: StatCheck[]; withinS: number };

/**
 * A guided experiment: `set` applies parameter values when the user clicks the step. Played as a
 * step of the pattern's tour, it sets them, plays at `speed` (default 10×) until `until`, and
 * pauses there with `text`; `expect` says what the text claims at that moment, and the pattern
 * tests run the tour headless and check it.
 */
export interface WhatToTry {
  text: string;
  set?: ParamValues;
  speed?: number;
  until?: TourMoment;
  expect?: StatCheck[];
}

/** The explanation panel: the seed's points in the project's words. */
export interface Explanation {
  /** One or two sentences: what the pattern is. */
  summary: string;
  whenToUse: string[];
  tradeOffs: string[];
  /** Guided experiments, also played one after another as the pattern's tour. */
  whatToTry: WhatToTry[];
  /** What one message is called in the narrated Step ("payment", "order"); default "message". */
  messageNoun?: string;
}

/** One side of a comparison a pattern offers: a pattern (any in the registry) and its settings. */
export interface ComparisonSideRef {
  /** The pattern's id (this pattern's own, or another's). */
  pattern: string;
  /** What this side is, in a few words ("one gateway", "without the queue"). */
  label: string;
  /** Settings that differ from the pattern's defaults. */
  params?: ParamValues;
}

/**
 * A comparison one click away from the pattern: two scenarios side by side under the same seeded
 * load (the compare view, `npm run sim -- compare`).
 */
export interface ComparisonOffer {
  id: string;
  /** The button's text, e.g. "Single vs multiple gateways". */
  label: string;
  /** What the comparison shows, in a sentence or two. */
  description: string;
  a: ComparisonSideRef;
  b: ComparisonSideRef;
}

/** A pattern, all of it data. */
export interface PatternDefinition {
  /** Stable id, kebab-case; it is the URL. */
  id: string;
  title: string;
  /** Which diagram of the seed this starts from. */
  seedDiagram: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  params: ParamSpec[];
  flows: FlowSpec[];
  charts: ChartSpec[];
  explanation: Explanation;
  /** Comparisons the pattern offers (buttons in its guide that open the compare view). */
  comparisons?: ComparisonOffer[];
}
