import {
  Background,
  BackgroundVariant,
  Controls,
  ReactFlow,
  applyNodeChanges,
  type FitViewOptions,
  type NodeChange,
  type NodeMouseHandler,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { AutoFit } from './AutoFit';
import { useSim, useSimulator } from '../state';
import type { DotSource } from './dotRenderer';
import { DotLayer } from './DotLayer';
import { isVisible, toFlowEdges, toFlowNodes, type ServiceFlowNode } from './graphAdapter';
import { PathRegistry } from './pathRegistry';
import { PathRegistryContext } from './PathRegistryContext';
import { ServiceEdge } from './ServiceEdge';
import { ServiceNode } from './ServiceNode';
import { useReducedMotion } from './useReducedMotion';

const nodeTypes = { service: ServiceNode };
const edgeTypes = { service: ServiceEdge };
// Room for the overlays: the legend and ledger along the bottom, the zoom buttons on the right.
const FIT_PADDING: FitViewOptions = {
  padding: { top: '28px', bottom: '76px', left: '20px', right: '52px' },
};

interface Props {
  colorMode: 'light' | 'dark';
  /** Replaces the simulator's dots (the benchmark feeds synthetic ones). */
  dots?: DotSource;
  /** Called with the dots drawn each frame. */
  onDrawn?: (drawn: number) => void;
  /** Show zoom controls (the embed hides them). */
  controls?: boolean;
  children?: ReactNode;
}

/** The pattern's live graph: service cards, edges, and the dot layer of messages in flight. */
export function FlowCanvas({ colorMode, dots, onDrawn, controls = true, children }: Props) {
  const sim = useSimulator();
  const pattern = useSim((s) => s.pattern);
  const params = useSim((s) => s.params);
  const reducedMotion = useReducedMotion();
  const [registry] = useState(() => new PathRegistry());

  // Nodes live in state so they can be dragged; their visibility follows the parameters.
  const [nodes, setNodes] = useState(() => toFlowNodes(pattern, params));
  const visibility =
    pattern.id + ':' + pattern.nodes.map((n) => (isVisible(n, params) ? 1 : 0)).join('');
  const [shownFor, setShownFor] = useState(visibility);
  if (shownFor !== visibility) {
    setShownFor(visibility);
    const fresh = toFlowNodes(pattern, params);
    setNodes((current) =>
      fresh.map((n) => {
        const old = current.find((c) => c.id === n.id);
        return old ? { ...old, hidden: n.hidden } : n;
      }),
    );
  }
  const edges = useMemo(() => toFlowEdges(pattern, params), [pattern, params]);

  const onNodesChange = useCallback(
    (changes: NodeChange<ServiceFlowNode>[]) => setNodes((ns) => applyNodeChanges(changes, ns)),
    [],
  );
  const onNodeClick: NodeMouseHandler<ServiceFlowNode> = useCallback(
    (_, node) => sim.selectNode(node.id),
    [sim],
  );
  const onPaneClick = useCallback(() => sim.selectNode(null), [sim]);
  const moved = useRef(false);
  const userMoved = useCallback(() => moved.current, []);
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) moved.current = true;
  }, []);
  const source = useMemo<DotSource>(
    () =>
      dots ?? {
        hops: sim.hops,
        now: () => sim.run.now,
        minDurationMs: () => sim.minDotDurationMs(),
      },
    [dots, sim],
  );

  return (
    <PathRegistryContext.Provider value={registry}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        onMoveStart={onMoveStart}
        colorMode={colorMode}
        fitView
        fitViewOptions={FIT_PADDING}
        attributionPosition="top-left"
        minZoom={0.2}
        maxZoom={2.5}
        nodesConnectable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        panActivationKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        zoomOnDoubleClick={false}
      >
        <AutoFit options={FIT_PADDING} userMoved={userMoved} />
        <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} color="var(--grid-dot)" />
        {controls ? <Controls showInteractive={false} position="top-right" /> : null}
        <DotLayer
          source={source}
          ticker={sim.ticker}
          registry={registry}
          countsOnly={reducedMotion}
          onDrawn={onDrawn}
        />
        {children}
      </ReactFlow>
    </PathRegistryContext.Provider>
  );
}
