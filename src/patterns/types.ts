import type { FlowLatency, World } from '../engine';

/** The kinds of service a node can be; each has its icon and AWS category colour in the view. */
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
  | 'email';

/** A node of the pattern's graph: where it is drawn and what it is. */
export interface GraphNode {
  id: string;
  kind: ServiceKind;
  /** Main label, as in the seed diagram (e.g. `Lambda "Customer"`). */
  label: string;
  /** Second line (e.g. "/payments"). */
  sublabel?: string;
  position: { x: number; y: number };
  /** Hidden unless a boolean parameter has the given value (e.g. the DLQ only exists with a queue). */
  visibleWhen?: ParamCondition;
}

/** How a message travels an edge. */
export type EdgeKind = 'sync' | 'async' | 'poll' | 'subscription' | 'rule' | 'write';

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
}

/** A parameter's value: numbers for sliders, strings for choices, booleans for switches. */
export type ParamValue = number | string | boolean;

/** What every parameter has besides its kind-specific fields. */
interface ParamCommon {
  /** Only meaningful when the condition holds (the view greys it out otherwise). */
  usedWhen?: ParamCondition;
}

/** A parameter exposed as a control, in the URL and in the CLI's `--set`. Ids are stable contracts. */
export type ParamSpec = ParamCommon &
  (
    | {
        id: string;
        kind: 'number';
        label: string;
        unit: string;
        min: number;
        max: number;
        step: number;
        default: number;
        description: string;
        /** Draw the slider on a logarithmic scale (rates spanning decades). */
        log?: boolean;
      }
    | {
        id: string;
        kind: 'choice';
        label: string;
        unit: '';
        options: { value: string; label: string }[];
        default: string;
        description: string;
      }
    | {
        id: string;
        kind: 'boolean';
        label: string;
        unit: '';
        default: boolean;
        description: string;
      }
  );

/** Parameter values by id. */
export type ParamValues = Record<string, ParamValue>;

/** An end-to-end path whose latency is measured (e.g. the user's response). */
export interface FlowSpec {
  id: string;
  label: string;
  description: string;
}

/** A condition on a parameter's value (e.g. only with the queue). */
export interface ParamCondition {
  param: string;
  equals: ParamValue;
}

/** A chart of the pattern: a title and the series (by id) drawn on it. */
export interface ChartSpec {
  id: string;
  title: string;
  unit: string;
  series: { id: string; label: string; color: string }[];
  /** Shown only when the condition holds (a queue chart without the queue is hidden). */
  visibleWhen?: ParamCondition;
}

/** The explanation panel: the seed's points in the project's words. */
export interface Explanation {
  /** One or two sentences: what the pattern is. */
  summary: string;
  whenToUse: string[];
  tradeOffs: string[];
  /** Guided experiments; `set` applies parameter values when the user clicks the step. */
  whatToTry: { text: string; set?: ParamValues }[];
}

/** What a pattern's `build` returns: live views into the models it created. */
export interface BuiltScenario {
  /** Live numbers per node id (queue depth, concurrency, errors...), for badges and the CLI. */
  nodeStats(): Record<string, Record<string, number>>;
  /** End-to-end latencies by flow id. */
  flows: Record<string, FlowLatency>;
  /**
   * Applies new parameter values to the running simulation (a slider moved mid-run). Returns
   * false when a change is structural (e.g. a switch that rewires the graph) and the run must be
   * rebuilt from t=0 instead.
   */
  update(params: ParamValues): boolean;
}

/**
 * A pattern: the graph, parameters, explanation and charts as data, and a `build` function that
 * wires AWS models on a {@link World} from parameter values.
 */
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
  build(world: World, params: ParamValues): BuiltScenario;
}
