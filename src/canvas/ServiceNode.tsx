import { Handle, type NodeProps } from '@xyflow/react';
import type { CSSProperties } from 'react';
import { useSim } from '../state';
import { ServiceIcon } from './icons/ServiceIcon';
import { SIDES, type ServiceFlowNode } from './graphAdapter';
import { kindView } from './kinds';
import { CardName } from './CardName';
import { Pile } from './Pile';
import { useFlashKey } from './useFlashKey';

const EMPTY: Record<string, number> = {};
/** A node's graveyard keeps its last 100 lost messages; at that many the mark says "100+". */
const GRAVES_SHOWN = 100;
/** Side handles sit level with the card's title, so edges between cards of one row are straight. */
const SIDE_HANDLE_STYLE: CSSProperties = { top: 34 };
const handleStyle = (side: string) =>
  side === 'left' || side === 'right' ? SIDE_HANDLE_STYLE : undefined;

/** "Amazon SQS" → "SQS": the card has room for the name a reader uses; the title keeps it whole. */
function shortServiceName(name: string): string {
  return name.replace(/^(Amazon|AWS) /, '');
}

/**
 * A service card: icon, names, live badges; flashes red when its alarm grows. Everything specific
 * to its kind comes from the kind's view (`kinds/`).
 */
export function ServiceNode({ id, data }: NodeProps<ServiceFlowNode>) {
  const stats = useSim((s) => s.live.nodeStats[id]) ?? EMPTY;
  const selected = useSim((s) => s.selectedNodeId === id);
  const runVersion = useSim((s) => s.runVersion);
  const lost = useSim((s) => s.live.graveyard[id]?.length ?? 0);
  // The node the last Step's sentence is about glows (see .node-card[data-step-focus]).
  const stepFocus = useSim((s) => s.status !== 'running' && s.live.lastStep?.nodeId === id);
  const view = kindView(data.kind);
  const flashKey = useFlashKey(view.alarm(stats, data.role));
  const pile = view.pile?.(stats, data.role) ?? null;
  const headline = view.headline(stats, data.role);

  return (
    <div
      className="node-card"
      data-selected={selected ? 'true' : undefined}
      data-step-focus={stepFocus ? 'true' : undefined}
      data-kind={data.kind}
      data-role={data.role}
      data-testid={`node-${id}`}
      style={{ '--accent': view.colour, width: view.width } as CSSProperties}
    >
      {SIDES.map(([side, position]) => (
        <Handle
          key={`s-${side}`}
          id={`s-${side}`}
          type="source"
          position={position}
          isConnectable={false}
          className="node-handle"
          style={handleStyle(side)}
        />
      ))}
      {SIDES.map(([side, position]) => (
        <Handle
          key={`t-${side}`}
          id={`t-${side}`}
          type="target"
          position={position}
          isConnectable={false}
          className="node-handle"
          style={handleStyle(side)}
        />
      ))}
      {flashKey > 0 ? (
        <div key={`${runVersion}-${flashKey}`} className="node-flash" aria-hidden="true" />
      ) : null}
      {lost > 0 ? (
        <div
          className="lost-mark"
          data-testid={`node-${id}-lost`}
          title={`${lost >= GRAVES_SHOWN ? `At least ${GRAVES_SHOWN}` : lost} message${lost === 1 ? '' : 's'} lost here: open the details to see which, when and why`}
        >
          <span aria-hidden="true">✕ </span>
          {lost >= GRAVES_SHOWN ? `${GRAVES_SHOWN}+` : lost} lost
        </div>
      ) : null}
      <div className="node-head">
        <ServiceIcon kind={data.kind} size={26} />
        {headline ? (
          // Only on a compact card (CSS), beside its icon, where the badges do not fit.
          <div className="node-headline" data-testid={`node-${id}-headline`}>
            {headline}
          </div>
        ) : null}
        <div className="node-names">
          <div className="node-service" title={view.serviceName}>
            {shortServiceName(view.serviceName)}
          </div>
          <CardName className="node-label" text={data.label} />
          {data.sublabel ? <CardName className="node-sublabel" text={data.sublabel} /> : null}
        </div>
      </div>
      <div className="badges">
        <view.Badges nodeId={id} stats={stats} role={data.role} colour={view.colour} />
      </div>
      {pile ? (
        <div className="pile-row">
          <Pile
            n={pile.n}
            hollow={pile.hollow ?? 0}
            tone={pile.tone}
            colour={pile.tone === 'parked' ? 'var(--bad)' : view.colour}
            label={pile.label}
            testId={`node-${id}-pile`}
          />
        </div>
      ) : null}
      {lost > 0 ? (
        <div className="pile-row graveyard-pile">
          <Pile
            n={lost}
            tone="lost"
            colour="var(--bad)"
            label={lost >= GRAVES_SHOWN ? 'or more messages lost here' : 'messages lost here'}
            testId={`node-${id}-graves`}
            rows={2}
          />
        </div>
      ) : null}
    </div>
  );
}
