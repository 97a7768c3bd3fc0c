import {
  BaseEdge,
  EdgeLabelRenderer,
  Position,
  getSmoothStepPath,
  type EdgeProps,
} from '@xyflow/react';
import { useContext, useEffect, useLayoutEffect, type CSSProperties } from 'react';
import type { EdgeKind } from '../patterns';
import { useSim } from '../state';
import { formatCompact } from './format';
import type { ServiceFlowEdge } from './graphAdapter';
import { PathRegistryContext } from './PathRegistryContext';
import {
  RuleEditorContext,
  edgeRoute,
  ruleNameOf,
  ruleNoun,
  ruleSummary,
  isRuleEdge,
} from './ruleEdges';
import { CardName } from './CardName';

/** Where the vertical run of a fanned-out edge sits, past its source's side. */
const FAN_RUN = 18;

const STYLE: Record<EdgeKind, CSSProperties> = {
  sync: { strokeWidth: 1.75 },
  async: { strokeWidth: 1.75, strokeDasharray: '7 5' },
  poll: { strokeWidth: 1.75, strokeDasharray: '2 5', strokeLinecap: 'round' },
  redrive: { strokeWidth: 1.5, strokeDasharray: '7 5' },
  subscription: { strokeWidth: 1.75, strokeDasharray: '7 5' },
  rule: { strokeWidth: 1.75, strokeDasharray: '7 5' },
  write: { strokeWidth: 1.5 },
};

/** A "may send" edge (implied by a template's permissions): finer dashes, fainter. */
const MAY_SEND: CSSProperties = { strokeDasharray: '3 4', opacity: 0.6 };

/** An edge: an orthogonal path styled by how messages travel it, its label, and its path registered for the dots. */
export function ServiceEdge({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  data,
  markerEnd,
}: EdgeProps<ServiceFlowEdge>) {
  const registry = useContext(PathRegistryContext);
  const kind = data?.kind ?? 'sync';
  // Subscriptions and rules fan out: their vertical run hugs the source, so the long last stretch
  // before each target has room for the rule above the line and its counts below.
  const fan = (kind === 'subscription' || kind === 'rule') && targetX - sourceX > 3 * FAN_RUN;
  // An edge passing under the cards between its ends (bottom to bottom) keeps close to them.
  const under = sourcePosition === Position.Bottom && targetPosition === Position.Bottom;
  const [path, labelX, labelY] = getSmoothStepPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    borderRadius: 14,
    offset: under ? 12 : 24,
    ...(fan ? { centerX: sourceX + FAN_RUN } : {}),
  });
  useLayoutEffect(() => registry.set(id, path), [registry, id, path]);
  useEffect(() => () => registry.delete(id), [registry, id]);

  // The outline (phones) puts labels above the card the edge enters, clear of its trunk.
  const at = data?.labelAt;
  if (at)
    return (
      <OutlineEdgeLabel
        id={id}
        path={path}
        markerEnd={markerEnd}
        kind={kind}
        label={data?.label}
        at={at}
      />
    );

  if (fan) {
    const runStart = sourceX + FAN_RUN + 8;
    return (
      <>
        <StepFocusPath id={id} path={path} />
        <BaseEdge
          id={id}
          path={path}
          markerEnd={markerEnd}
          style={{
            stroke: 'var(--edge-stroke)',
            ...STYLE[kind],
            ...(data?.inferred ? MAY_SEND : {}),
          }}
        />
        <EdgeLabelRenderer>
          <RuleEdgeLabel
            id={id}
            label={data?.label}
            x={(runStart + targetX - 8) / 2}
            y={targetY}
            width={Math.max(72, targetX - 8 - runStart)}
          />
        </EdgeLabelRenderer>
      </>
    );
  }

  // Labels sit beside vertical runs and above horizontal ones, so the line stays visible; under
  // the cards, beside the drop from the source.
  const vertical = Math.abs(targetY - sourceY) > 40;
  const labelStyle: CSSProperties = under
    ? {
        transform: `translate(8px, -50%) translate(${sourceX}px, ${(sourceY + Math.max(sourceY, targetY) + 12) / 2}px)`,
        maxWidth: 150,
      }
    : vertical
      ? { transform: `translate(10px, -50%) translate(${labelX}px, ${labelY}px)`, maxWidth: 150 }
      : {
          transform: `translate(-50%, calc(-100% - 5px)) translate(${labelX}px, ${labelY}px)`,
          maxWidth: Math.max(72, Math.abs(targetX - sourceX) - 4),
          textAlign: 'center',
        };
  return (
    <>
      <StepFocusPath id={id} path={path} />
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={{
          stroke: 'var(--edge-stroke)',
          ...STYLE[kind],
          ...(data?.inferred ? MAY_SEND : {}),
        }}
      />
      {data?.label ? (
        <EdgeLabelRenderer>
          <div
            className="edge-label"
            data-edge-kind={kind}
            data-inferred={data.inferred ? 'true' : undefined}
            style={labelStyle}
          >
            <CardName className="edge-label-text" text={data.label} />
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

/** A glow under the edge the last Step's message crossed (nothing otherwise). */
function StepFocusPath({ id, path }: { id: string; path: string }) {
  const focus = useSim((s) => s.status !== 'running' && s.live.lastStep?.edgeId === id);
  if (!focus) return null;
  return <path d={path} className="edge-step-focus" data-testid={`step-focus-${id}`} />;
}

/** An edge of the outline arrangement, its label (or its rule and counts) above its target. */
function OutlineEdgeLabel({
  id,
  path,
  markerEnd,
  kind,
  label,
  at,
}: {
  id: string;
  path: string;
  markerEnd: string | undefined;
  kind: EdgeKind;
  label: string | undefined;
  at: { x: number; y: number };
}) {
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={{ stroke: 'var(--edge-stroke)', ...STYLE[kind] }}
      />
      {kind === 'subscription' || kind === 'rule' ? (
        <EdgeLabelRenderer>
          <RuleEdgeLabel id={id} label={label} x={at.x} y={at.y} width={260} />
        </EdgeLabelRenderer>
      ) : label ? (
        <EdgeLabelRenderer>
          <div
            className="edge-label"
            data-edge-kind={kind}
            style={{
              transform: `translate(-50%, -100%) translate(${at.x}px, ${at.y}px)`,
              maxWidth: 220,
              textAlign: 'center',
            }}
          >
            <CardName className="edge-label-text" text={label} />
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

/** A subscription's or rule's label: a button opening its rule, and its live counts below the line. */
function RuleEdgeLabel({
  id,
  label,
  x,
  y,
  width,
}: {
  id: string;
  label: string | undefined;
  x: number;
  y: number;
  width: number;
}) {
  const openRule = useContext(RuleEditorContext);
  const pattern = useSim((s) => s.pattern);
  const edited = useSim((s) => s.rules[id]);
  const stats = useSim((s) => s.live.edgeStats[id]);
  const edge = pattern.edges.find((e) => e.id === id);
  if (!edge || !isRuleEdge(edge)) return null;
  const name = ruleNameOf(edge);
  const text = edited
    ? `✎ ${name ? `rule "${name}": ` : ''}${ruleSummary(edited)}`
    : (label ?? ruleSummary(edge.filterPolicy ?? edge.eventPattern));
  const above: CSSProperties = {
    transform: `translate(-50%, calc(-100% - 3px)) translate(${x}px, ${y}px)`,
    maxWidth: width,
    textAlign: 'center',
  };
  const below: CSSProperties = {
    transform: `translate(-50%, 4px) translate(${x}px, ${y}px)`,
    maxWidth: width,
  };
  const n = (k: string) => stats?.[k] ?? 0;
  const route = edgeRoute(pattern, edge);
  const noun = ruleNoun(edge);
  const counts = `${formatCompact(n('delivered'))} delivered, ${formatCompact(n('filtered'))} filtered out, ${formatCompact(n('lost'))} lost${n('inRetry') > 0 ? `, ${formatCompact(n('inRetry'))} waiting for a retry` : ''}${n('deadLettered') > 0 ? `, ${formatCompact(n('deadLettered'))} dead-lettered` : ''}`;
  return (
    <>
      {openRule ? (
        <button
          type="button"
          className="edge-label edge-rule nodrag nopan"
          data-edge-kind={edge.kind}
          data-edited={edited ? 'true' : undefined}
          data-testid={`edge-rule-${id}`}
          style={above}
          aria-label={`${noun} of ${route}: ${text}. Open to see, test or edit it.`}
          title={`Open the ${noun} (${route})`}
          onClick={(e) => openRule(id, e.currentTarget)}
        >
          {text}
        </button>
      ) : (
        <div className="edge-label" data-edge-kind={edge.kind} style={above}>
          {text}
        </div>
      )}
      <div
        className="edge-counts"
        style={below}
        role="group"
        aria-label={`${route}: ${counts}`}
        title={counts}
      >
        <EdgeCount id={id} k="delivered" glyph="✓" n={n('delivered')} tone="good" />
        <EdgeCount id={id} k="filtered" glyph="⊘" n={n('filtered')} tone="muted" />
        <EdgeCount
          id={id}
          k="lost"
          glyph="✕"
          n={n('lost')}
          tone={n('lost') > 0 ? 'bad' : 'muted'}
        />
        {n('inRetry') > 0 ? (
          <EdgeCount id={id} k="inRetry" glyph="↻" n={n('inRetry')} tone="warn" />
        ) : null}
        {n('deadLettered') > 0 ? (
          <EdgeCount id={id} k="deadLettered" glyph="⇣" n={n('deadLettered')} tone="warn" />
        ) : null}
      </div>
    </>
  );
}

/** One count under a rule edge: its glyph (for the eye; the group's label says it in words). */
function EdgeCount({
  id,
  k,
  glyph,
  n,
  tone,
}: {
  id: string;
  k: string;
  glyph: string;
  n: number;
  tone: string;
}) {
  return (
    <span className="ec" data-tone={tone}>
      <span aria-hidden="true">{glyph}</span>
      <span data-testid={`edge-${id}-${k}`}>{formatCompact(n)}</span>
    </span>
  );
}
