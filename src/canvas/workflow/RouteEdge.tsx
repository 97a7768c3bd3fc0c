import { BaseEdge, EdgeLabelRenderer, type Edge, type EdgeProps } from '@xyflow/react';
import type { ArrowRoute } from './layout';

/** What a workflow arrow carries: ELK's route and label box. */
export interface RouteData extends Record<string, unknown> {
  route: ArrowRoute;
  label?: string;
  kind: string;
}

/** A polyline through ELK's points with rounded corners (radius `r`). */
export function roundedPath(points: { x: number; y: number }[], r = 8): string {
  const first = points[0];
  if (!first) return '';
  let d = `M ${first.x} ${first.y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i - 1]!;
    const c = points[i]!;
    const n = points[i + 1]!;
    const inLen = Math.hypot(c.x - p.x, c.y - p.y);
    const outLen = Math.hypot(n.x - c.x, n.y - c.y);
    const k = Math.min(r, inLen / 2, outLen / 2);
    const a = {
      x: c.x - ((c.x - p.x) / (inLen || 1)) * k,
      y: c.y - ((c.y - p.y) / (inLen || 1)) * k,
    };
    const b = {
      x: c.x + ((n.x - c.x) / (outLen || 1)) * k,
      y: c.y + ((n.y - c.y) / (outLen || 1)) * k,
    };
    d += ` L ${a.x} ${a.y} Q ${c.x} ${c.y} ${b.x} ${b.y}`;
  }
  const last = points[points.length - 1]!;
  return `${d} L ${last.x} ${last.y}`;
}

/** A workflow arrow drawn along ELK's route, its label where ELK left room for it. */
export function RouteEdge({ id, data, markerEnd, style }: EdgeProps<Edge<RouteData>>) {
  if (!data) return null;
  const { route, label, kind } = data;
  const box = route.label;
  return (
    <>
      <BaseEdge
        id={id}
        path={roundedPath(route.points)}
        {...(markerEnd ? { markerEnd } : {})}
        {...(style ? { style } : {})}
      />
      {label && box && (
        <EdgeLabelRenderer>
          <div
            className="wf-edge-label nodrag nopan"
            data-kind={kind}
            title={label}
            style={{
              transform: `translate(${box.x}px, ${box.y}px)`,
              maxWidth: Math.max(box.width, 60),
            }}
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
