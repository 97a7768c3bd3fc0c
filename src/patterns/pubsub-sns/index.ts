import type { Pattern, PatternDefinition } from '../../kit';
import { charts, explanation, flows } from './explanation';
import { edges, nodes } from './graph';
import { params } from './params';

/** "Pub/Sub with SNS", from the seed's fourth diagram, as data. */
export const definition: PatternDefinition = {
  id: 'pubsub-sns',
  title: 'Pub/sub with SNS',
  seedDiagram: 'pub-sub-sns-impl.png',
  nodes,
  edges,
  params,
  flows,
  charts,
  explanation,
};

/** The pattern: its definition, and no handlers (every node runs its kind's default). */
export const pubsubSns: Pattern = { ...definition, handlers: {} };
