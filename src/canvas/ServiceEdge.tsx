import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { useContext, useEffect, useLayoutEffect, type CSSProperties } from 'react';
import type { EdgeKind } from '../patterns';
import type { ServiceFlowEdge } from './graphAdapter';
import { PathRegistryContext } from './PathRegistryContext';

const STYLE: Record<EdgeKind, CSSProperties> = {
  sync: { strokeWidth: 1.75 },
  async: { strokeWidth: 1.75, strokeDasharray: '7 5' },
  poll: { strokeWidth: 1.75, strokeDasharray: '2 5', strokeLinecap: 'round' },
  redrive: { strokeWidth: 1.5, strokeDasharray: '7 5' },
  subscription: { strokeWidth: 1.75, strokeDasharray: '7 5' },
  rule: { strokeWidth: 1.75, strokeDasharray: '7 5' },
  write: { strokeWidth: 1.5 },
};

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
  const [path, labelX, labelY] = getSmoothStepPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    borderRadius: 14,
    offset: 24,
  });
  useLayoutEffect(() => registry.set(id, path), [registry, id, path]);
  useEffect(() => () => registry.delete(id), [registry, id]);

  const kind = data?.kind ?? 'sync';
  // Labels sit beside vertical runs and above horizontal ones, so the line stays visible.
  const vertical = Math.abs(targetY - sourceY) > 40;
  const labelStyle: CSSProperties = vertical
    ? { transform: `translate(10px, -50%) translate(${labelX}px, ${labelY}px)`, maxWidth: 150 }
    : {
        transform: `translate(-50%, calc(-100% - 5px)) translate(${labelX}px, ${labelY}px)`,
        maxWidth: Math.max(72, Math.abs(targetX - sourceX) - 4),
        textAlign: 'center',
      };
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={{ stroke: 'var(--edge-stroke)', ...STYLE[kind] }}
      />
      {data?.label ? (
        <EdgeLabelRenderer>
          <div className="edge-label" data-edge-kind={kind} style={labelStyle}>
            {data.label}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}
