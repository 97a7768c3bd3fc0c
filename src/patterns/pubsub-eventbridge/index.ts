import type { Pattern, PatternDefinition } from '../../kit';
import { charts, explanation, flows } from './explanation';
import { edges, nodes } from './graph';
import { params } from './params';

/** "Pub/Sub with EventBridge", from the seed's fifth diagram, as data. */
export const definition: PatternDefinition = {
  id: 'pubsub-eventbridge',
  title: 'Pub/sub with EventBridge',
  seedDiagram: 'pub-sub-eventbridge-impl.png',
  nodes,
  edges,
  params,
  flows,
  charts,
  explanation,
};

/** The pattern: its definition, and no handlers (every node runs its kind's default). */
export const pubsubEventBridge: Pattern = { ...definition, handlers: {} };
