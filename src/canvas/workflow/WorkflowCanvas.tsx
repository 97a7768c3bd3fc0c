import {
  Background,
  BackgroundVariant,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeProps,
  useReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import {
  memo,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
} from 'react';
import type { StateMachineDefinition } from '../../aws/stepFunctions';
import type { StateStats } from '../../kit';
import { workflowGraph, type WorkflowArrow } from './aslGraph';
import { CardName } from '../CardName';
import {
  fitWorkflow,
  stateTypeLine,
  type ArrowRoute,
  type FittedLayout,
  type MeasureText,
  type PlacedBox,
} from './layout';
import { RouteEdge } from './RouteEdge';

/** How a state is marked for the followed execution. */
export type StateMark = 'current' | 'visited' | 'failed' | undefined;

interface BoxData extends Record<string, unknown> {
  box: PlacedBox;
  stats?: StateStats;
  mark: StateMark;
  selected: boolean;
}
type BoxNode = Node<BoxData>;

const HIDDEN_HANDLE = { opacity: 0, width: 1, height: 1, minWidth: 0, minHeight: 0, border: 0 };

function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Top} style={HIDDEN_HANDLE} isConnectable={false} />
      <Handle
        type="source"
        position={Position.Bottom}
        style={HIDDEN_HANDLE}
        isConnectable={false}
      />
      <Handle
        id="catch"
        type="source"
        position={Position.Right}
        style={HIDDEN_HANDLE}
        isConnectable={false}
      />
    </>
  );
}

/** Executions in the state now, and of those waiting for their service or retrying. */
function Counts({ stats }: { stats: StateStats | undefined }) {
  if (!stats) return null;
  const other = stats.inState - stats.waiting - stats.retrying;
  return (
    <span className="wf-counts" aria-label={`${stats.inState} in state`}>
      <span
        className="wf-count"
        title={`Executions in this state now${other > 0 ? ` (${other} neither waiting nor retrying)` : ''}`}
        data-testid="wf-in"
      >
        {stats.inState} in
      </span>
      {stats.waiting > 0 && (
        <span className="wf-count wf-waiting" title="Waiting for the service to answer">
          {stats.waiting} waiting
        </span>
      )}
      {stats.retrying > 0 && (
        <span className="wf-count wf-retrying" title="Waiting out a Retry back-off">
          {stats.retrying} retrying
        </span>
      )}
    </span>
  );
}

const StateBox = memo(function StateBox({ data }: NodeProps<BoxNode>) {
  const { box, stats, mark, selected } = data;
  const failedHere = (stats?.failed ?? 0) + (stats?.caught ?? 0);
  return (
    <div
      className="wf-state"
      data-type={box.stateType}
      data-mark={mark ?? ''}
      data-selected={selected || undefined}
      data-testid={`wf-state-${box.id}`}
      title={
        stats
          ? `${stats.entered} entered, ${stats.exited} left, ${stats.retries} retries, ${stats.caught} caught, ${stats.failed} failed; mean ${stats.meanMs} ms in state`
          : undefined
      }
    >
      <Handles />
      <CardName className="wf-state-name" text={box.label} />
      <CardName className="wf-state-type" text={stateTypeLine(box)} />
      <Counts stats={stats} />
      {failedHere > 0 && (
        <span className="wf-errors" title="Retries granted and errors caught here so far">
          {stats?.retries ?? 0} retried · {stats?.caught ?? 0} caught
        </span>
      )}
    </div>
  );
});

const FrameBox = memo(function FrameBox({ data }: NodeProps<BoxNode>) {
  const { box, stats, mark, selected } = data;
  return (
    <div
      className="wf-frame"
      data-type={box.stateType}
      data-mark={mark ?? ''}
      data-selected={selected || undefined}
      data-testid={`wf-state-${box.id}`}
    >
      <Handles />
      <span className="wf-frame-title">
        <span className="wf-state-name">{box.label}</span>
        <span className="wf-state-type">
          {box.stateType === 'Map' ? 'Map · one iteration shown' : box.stateType}
        </span>
        <Counts stats={stats} />
      </span>
    </div>
  );
});

function BranchBox({ data }: NodeProps<BoxNode>) {
  return (
    <div className="wf-branch">
      <span className="wf-branch-title">{data.box.label}</span>
    </div>
  );
}

function MarkBox({ data }: NodeProps<BoxNode>) {
  return (
    <div className="wf-mark" data-kind={data.box.kind}>
      <Handles />
      {data.box.label}
    </div>
  );
}

const nodeTypes = {
  state: StateBox,
  frame: FrameBox,
  branch: BranchBox,
  start: MarkBox,
  end: MarkBox,
};

const edgeTypes = { route: RouteEdge };

function edgeOf(a: WorkflowArrow, route: ArrowRoute | undefined, active: boolean): Edge {
  const catchEdge = a.kind === 'catch';
  const common = {
    id: a.id,
    source: a.source,
    target: a.target,
    className: `wf-edge wf-edge-${a.kind}${active ? ' wf-edge-active' : ''}`,
    markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
    focusable: false,
    selectable: false,
  };
  if (route)
    return {
      ...common,
      type: 'route',
      data: { route, kind: a.kind, ...(a.label ? { label: a.label } : {}) },
    };
  return {
    ...common,
    ...(catchEdge ? { sourceHandle: 'catch' } : {}),
    type: 'smoothstep',
    ...(a.label ? { label: a.label } : {}),
  };
}

/** Room around the workflow in its pane: the quota strip above it, the zoom buttons below. */
const PAD = { x: 12, top: 44, bottom: 52 };
/** A change of the pane's width smaller than this keeps a layout that still fits (px). */
const SMALL_WIDTH_CHANGE = 24;

/** Text widths as the page draws them, in the pane's font. */
function canvasMeasure(el: HTMLElement): MeasureText {
  const ctx = document.createElement('canvas').getContext('2d');
  const family = getComputedStyle(el).fontFamily;
  if (!ctx) return (text, size, weight) => text.length * size * (weight >= 600 ? 0.64 : 0.58);
  return (text, size, weight) => {
    ctx.font = `${weight} ${size}px ${family}`;
    return ctx.measureText(text).width;
  };
}

/** Sets the view when the fitted layout changes (a pane of a new width, a new definition). */
function ApplyViewport({ x, y, zoom }: { x: number; y: number; zoom: number }) {
  const { setViewport } = useReactFlow();
  useEffect(() => {
    void setViewport({ x, y, zoom });
  }, [x, y, zoom, setViewport]);
  return null;
}

interface Props {
  definition: StateMachineDefinition;
  colorMode: 'light' | 'dark';
  /** Per state: live counts. */
  stats?: Record<string, StateStats>;
  /** Per state: how the followed execution marks it. */
  marks?: Record<string, StateMark>;
  selectedState?: string | null;
  onSelectState?: (state: string) => void;
  /** The pane height the workflow needs at its fitted zoom, in px (the page sizes the pane). */
  onHeight?: (px: number) => void;
}

/**
 * The workflow of a state machine drawn as the Step Functions console draws it (laid out by ELK,
 * which loads on first use): live counts on each state, the followed execution's path marked.
 * It is laid out for its pane's width (`fitWorkflow`) so that no text reads under 11 px on
 * screen, top-aligned; the page gives it the height it asks for, or the reader pans.
 */
export function WorkflowCanvas({
  definition,
  colorMode,
  stats,
  marks,
  selectedState,
  onSelectState,
  onHeight,
}: Props) {
  const graph = useMemo(() => workflowGraph(definition), [definition]);
  const paneRef = useRef<HTMLDivElement>(null);
  const [paneWidth, setPaneWidth] = useState(0);
  useLayoutEffect(() => {
    const pane = paneRef.current;
    if (!pane) return;
    const read = () => setPaneWidth(Math.floor(pane.getBoundingClientRect().width / 4) * 4);
    read();
    const observer = new ResizeObserver(read);
    observer.observe(pane);
    return () => observer.disconnect();
  }, []);
  const [layout, setLayout] = useState<{
    graph: typeof graph;
    width: number;
    fitted: FittedLayout;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const laidRef = useRef(layout);
  useEffect(() => {
    laidRef.current = layout;
  }, [layout]);
  useEffect(() => {
    const pane = paneRef.current;
    if (!pane || paneWidth <= 0) return;
    // A small change of width (a scrollbar that comes or goes as the pane's height changes) keeps a
    // layout that still fits: laying out again could change the height and bring the scrollbar back.
    const laid = laidRef.current;
    if (
      laid?.graph === graph &&
      Math.abs(laid.width - paneWidth) < SMALL_WIDTH_CHANGE &&
      laid.fitted.laid.width * laid.fitted.zoom <= paneWidth - 2 * PAD.x
    ) {
      setLayout({ ...laid, width: paneWidth });
      return;
    }
    let live = true;
    fitWorkflow(graph, Math.max(200, paneWidth - 2 * PAD.x), canvasMeasure(pane)).then(
      (fitted) => live && setLayout({ graph, width: paneWidth, fitted }),
      (e: unknown) => live && setError(String(e)),
    );
    return () => {
      live = false;
    };
  }, [graph, paneWidth]);

  const fitted = layout?.graph === graph ? layout.fitted : undefined;
  const view = fitted
    ? {
        zoom: fitted.zoom,
        x: Math.round((layout!.width - fitted.laid.width * fitted.zoom) / 2),
        y: PAD.top,
      }
    : undefined;
  const needed = fitted
    ? Math.ceil(PAD.top + fitted.laid.height * fitted.zoom + PAD.bottom)
    : undefined;
  useEffect(() => {
    if (needed !== undefined) onHeight?.(needed);
  }, [needed, onHeight]);

  const nodes = useMemo((): BoxNode[] => {
    if (!fitted) return [];
    return fitted.laid.boxes.map((box) => ({
      id: box.id,
      type: box.kind,
      position: { x: box.x, y: box.y },
      ...(box.parent ? { parentId: box.parent } : {}),
      style: { width: box.width, height: box.height },
      width: box.width,
      height: box.height,
      draggable: false,
      connectable: false,
      selectable: box.state !== undefined,
      focusable: box.state !== undefined,
      ...(box.kind === 'frame' || box.kind === 'branch' ? { zIndex: -1 } : {}),
      ariaLabel: box.state
        ? `State ${box.label} (${box.stateType})${stats?.[box.label] ? `: ${stats[box.label]?.inState} executions in it` : ''}`
        : box.label,
      data: {
        box,
        ...(box.state && stats?.[box.state] ? { stats: stats[box.state] } : {}),
        mark: box.state ? marks?.[box.state] : undefined,
        selected: box.state !== undefined && box.state === selectedState,
      },
    }));
  }, [fitted, stats, marks, selectedState]);

  const edges = useMemo(
    () =>
      graph.arrows.map((a) =>
        edgeOf(
          a,
          fitted?.laid.routes.get(a.id),
          marks?.[a.source] !== undefined && marks?.[a.target] !== undefined,
        ),
      ),
    [graph, marks, fitted],
  );

  const paneStyle = { '--wts': fitted?.textScale ?? 1 } as CSSProperties;
  return (
    <div className="wf-pane" ref={paneRef} style={paneStyle}>
      {error ? (
        <p role="alert">The workflow could not be laid out: {error}</p>
      ) : !fitted || !view ? (
        <p className="wf-loading">Laying out the workflow…</p>
      ) : (
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          colorMode={colorMode}
          defaultViewport={view}
          // The pane is as tall as the workflow: the wheel scrolls the page past it (the zoom
          // buttons and a pinch still zoom).
          zoomOnScroll={false}
          preventScrolling={false}
          minZoom={0.2}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable
          onNodeClick={(_, node) => {
            const state = (node.data as BoxData).box.state;
            if (state && onSelectState) onSelectState(state);
          }}
        >
          <ApplyViewport {...view} />
          <Background variant={BackgroundVariant.Dots} gap={18} size={1} />
          <Controls showInteractive={false} orientation="horizontal" />
        </ReactFlow>
      )}
    </div>
  );
}
