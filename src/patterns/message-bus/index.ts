import type { Pattern, PatternDefinition } from '../../kit';
import { charts, explanation, flows } from './explanation';
import { edges, nodes } from './graph';
import { params } from './params';

/** "Message bus on AWS", from the seed's seventh diagram, as data. */
export const definition: PatternDefinition = {
  id: 'message-bus',
  title: 'Message bus: SNS topic → SQS queues → consumers',
  seedDiagram: 'message-bus-pattern.png',
  nodes,
  edges,
  params,
  flows,
  charts,
  explanation,
};

/** The pattern: its definition, and no handlers (every node runs its kind's default). */
export const messageBus: Pattern = { ...definition, handlers: {} };
