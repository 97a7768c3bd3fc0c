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
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useEffect, useMemo, useState } from 'react';
import type { StateMachineDefinition } from '../../aws/stepFunctions';
import type { StateStats } from '../../kit';
import { workflowGraph, type WorkflowArrow } from './aslGraph';
import { layoutWorkflow, type ArrowRoute, type PlacedBox, type WorkflowLayout } from './layout';
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
      <span className="wf-state-name">{box.label}</span>
      <span className="wf-state-type">
        {box.stateType}
        {box.detail ? ` · ${box.detail}` : ''}
      </span>
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

interface Props {
  definition: StateMachineDefinition;
  colorMode: 'light' | 'dark';
  /** Per state: live counts. */
  stats?: Record<string, StateStats>;
  /** Per state: how the followed execution marks it. */
  marks?: Record<string, StateMark>;
  selectedState?: string | null;
  onSelectState?: (state: string) => void;
}

/**
 * The workflow of a state machine drawn as the Step Functions console draws it (laid out by ELK,
 * which loads on first use): live counts on each state, the followed execution's path marked.
 */
export function WorkflowCanvas({
  definition,
  colorMode,
  stats,
  marks,
  selectedState,
  onSelectState,
}: Props) {
  const graph = useMemo(() => workflowGraph(definition), [definition]);
  const [layout, setLayout] = useState<{ graph: typeof graph; laid: WorkflowLayout } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    layoutWorkflow(graph).then(
      (laid) => live && setLayout({ graph, laid }),
      (e: unknown) => live && setError(String(e)),
    );
    return () => {
      live = false;
    };
  }, [graph]);

  const nodes = useMemo((): BoxNode[] => {
    if (!layout || layout.graph !== graph) return [];
    return layout.laid.boxes.map((box) => ({
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
  }, [layout, graph, stats, marks, selectedState]);

  const edges = useMemo(
    () =>
      graph.arrows.map((a) =>
        edgeOf(
          a,
          layout?.graph === graph ? layout.laid.routes.get(a.id) : undefined,
          marks?.[a.source] !== undefined && marks?.[a.target] !== undefined,
        ),
      ),
    [graph, marks, layout],
  );

  if (error) return <p role="alert">The workflow could not be laid out: {error}</p>;
  if (!layout) return <p className="wf-loading">Laying out the workflow…</p>;
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      colorMode={colorMode}
      fitView
      fitViewOptions={{ padding: 0.08, maxZoom: 1 }}
      minZoom={0.2}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable
      proOptions={{ hideAttribution: true }}
      onNodeClick={(_, node) => {
        const state = (node.data as BoxData).box.state;
        if (state && onSelectState) onSelectState(state);
      }}
    >
      <Background variant={BackgroundVariant.Dots} gap={18} size={1} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
