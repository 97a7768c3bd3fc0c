import {
  Background,
  type AriaLabelConfig,
  BackgroundVariant,
  Controls,
  ReactFlow,
  applyNodeChanges,
  type FitViewOptions,
  type NodeChange,
  type NodeMouseHandler,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { AutoFit, ReportBounds } from './AutoFit';
import { useSim, useSimulator } from '../state';
import type { DotSource } from './dotRenderer';
import { DotLayer } from './DotLayer';
import {
  isVisible,
  toFlowEdges,
  toFlowNodes,
  type Arrangement,
  type ServiceFlowNode,
} from './graphAdapter';
import { FocusOnParamChange, OutlineView } from './OutlineView';
import { DiagramCaptureBridge } from './DiagramCaptureBridge';
import { PathRegistry } from './pathRegistry';
import { PathRegistryContext } from './PathRegistryContext';
import { ServiceEdge } from './ServiceEdge';
import { ServiceNode } from './ServiceNode';
import { TextScale } from './TextScale';
import { useReducedMotion } from './useReducedMotion';

const nodeTypes = { service: ServiceNode };
const edgeTypes = { service: ServiceEdge };
/** Room above the diagram for the zoom buttons (top right); the sides stay tight. */
export const FIT_TOP = 44;
export const FIT_SIDE = 12;
/** The fit never magnifies past this (a small diagram on a big screen stays life-size). */
export const FIT_MAX_ZOOM = 1;
// What React Flow says to screen readers about a node: ours open details and cannot be deleted.
const ARIA_LABELS: Partial<AriaLabelConfig> = {
  'node.a11yDescription.default': 'Press Enter or Space to open this service’s details.',
  'node.a11yDescription.keyboardDisabled': 'Press Enter or Space to open this service’s details.',
  'controls.ariaLabel': 'Zoom controls',
};

interface Props {
  colorMode: 'light' | 'dark';
  /** Replaces the simulator's dots (the benchmark feeds synthetic ones). */
  dots?: DotSource;
  /** Called with the dots drawn each frame and the ms the drawing took. */
  onDrawn?: (drawn: number, ms: number) => void;
  /** Show zoom controls (the embed hides them). */
  controls?: boolean;
  /** Pixels kept free along the bottom (the legend and ledger float there). */
  bottomInset?: number;
  /** Called with the diagram's size at zoom 1 once its cards are measured. */
  onBounds?: (size: { width: number; height: number }) => void;
  /** `outline`: one column top to bottom, panned rather than fitted (phones); see outlineLayout. */
  arrangement?: Arrangement;
  /** Outline only: the screen y below which the pane is covered (a bottom sheet). */
  visibleBottom?: () => number;
  /** Outline only: called with the zoom the view settles on (an embed sizes itself by it). */
  onOutlineZoom?: (zoom: number) => void;
  /**
   * Leave the mouse wheel to the page (an embed in a docs page must not trap the reader's
   * scrolling); the diagram still pans by dragging and zooms by pinching or its buttons.
   */
  passWheel?: boolean;
  children?: ReactNode;
}

/** The pattern's live graph: service cards, edges, and the dot layer of messages in flight. */
export function FlowCanvas({
  colorMode,
  dots,
  onDrawn,
  controls = true,
  bottomInset = 76,
  onBounds,
  arrangement = 'columns',
  visibleBottom,
  onOutlineZoom,
  passWheel = false,
  children,
}: Props) {
  const outline = arrangement === 'outline';
  const sim = useSimulator();
  const pattern = useSim((s) => s.pattern);
  const params = useSim((s) => s.params);
  const reducedMotion = useReducedMotion();
  const [registry] = useState(() => new PathRegistry());

  // Nodes live in state so they can be dragged; their visibility follows the parameters.
  const [nodes, setNodes] = useState(() => toFlowNodes(pattern, params, arrangement));
  const visibility =
    `${pattern.id}:${arrangement}:` +
    pattern.nodes.map((n) => (isVisible(n, params) ? 1 : 0)).join('');
  const [shownFor, setShownFor] = useState({ visibility, pattern });
  if (shownFor.visibility !== visibility || shownFor.pattern !== pattern) {
    const sameArrangement = shownFor.visibility.split(':')[1] === arrangement;
    // Another pattern (or another imported one, which may reuse ids) is drawn from scratch: a
    // card of the same id from the last one must not stay with its kind, label and place.
    const samePattern = shownFor.pattern === pattern;
    setShownFor({ visibility, pattern });
    const fresh = toFlowNodes(pattern, params, arrangement);
    // Cards the reader dragged keep their place; the outline closes gaps, so it is laid out anew.
    setNodes((current) =>
      fresh.map((n) => {
        const old = samePattern ? current.find((c) => c.id === n.id) : undefined;
        return old && !outline && sameArrangement ? { ...old, hidden: n.hidden } : n;
      }),
    );
  }
  const edges = useMemo(
    () => toFlowEdges(pattern, params, arrangement),
    [pattern, params, arrangement],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<ServiceFlowNode>[]) => setNodes((ns) => applyNodeChanges(changes, ns)),
    [],
  );
  const onNodeClick: NodeMouseHandler<ServiceFlowNode> = useCallback(
    (_, node) => sim.selectNode(node.id),
    [sim],
  );
  const onPaneClick = useCallback(() => sim.selectNode(null), [sim]);
  // Enter or Space on a focused card opens its details, as a click does.
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      const target = e.target as HTMLElement;
      const id = target.classList.contains('react-flow__node') ? target.dataset.id : undefined;
      if (!id) return;
      e.preventDefault();
      sim.selectNode(id);
    },
    [sim],
  );
  const fitOptions = useMemo<FitViewOptions>(
    () => ({
      padding: {
        top: `${FIT_TOP}px`,
        bottom: `${bottomInset}px`,
        left: `${FIT_SIDE}px`,
        right: `${FIT_SIDE}px`,
      },
      maxZoom: FIT_MAX_ZOOM,
    }),
    [bottomInset],
  );
  const moved = useRef(false);
  const userMoved = useCallback(() => moved.current, []);
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) moved.current = true;
  }, []);
  // Dragging a card is arranging the view by hand too: stop fitting (and resizing) around it.
  const onNodeDragStart = useCallback(() => {
    moved.current = true;
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
        onNodeDragStart={onNodeDragStart}
        nodeDragThreshold={4}
        onKeyDown={onKeyDown}
        colorMode={colorMode}
        ariaLabelConfig={ARIA_LABELS}
        fitView={!outline}
        fitViewOptions={fitOptions}
        panOnScroll={outline && !passWheel}
        zoomOnScroll={!outline && !passWheel}
        preventScrolling={!passWheel}
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
        {outline ? (
          <>
            <OutlineView userMoved={userMoved} onZoom={onOutlineZoom} />
            <FocusOnParamChange visibleBottom={visibleBottom} />
          </>
        ) : (
          <>
            <AutoFit options={fitOptions} userMoved={userMoved} />
            {/* The outline zooms itself to keep text legible (OutlineView): one of the two only. */}
            <TextScale />
          </>
        )}
        {onBounds ? <ReportBounds onBounds={onBounds} userMoved={userMoved} /> : null}
        <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} color="var(--grid-dot)" />
        {controls ? (
          <Controls showInteractive={false} position="top-right" orientation="horizontal" />
        ) : null}
        <DotLayer
          source={source}
          ticker={sim.ticker}
          registry={registry}
          countsOnly={reducedMotion}
          onDrawn={onDrawn}
        />
        {children}
        <DiagramCaptureBridge dots={source} countsOnly={reducedMotion} />
      </ReactFlow>
    </PathRegistryContext.Provider>
  );
}
