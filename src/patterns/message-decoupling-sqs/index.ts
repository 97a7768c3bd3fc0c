import type { Pattern, PatternDefinition } from '../../kit';
import { charts, explanation, flows } from './explanation';
import { edges, nodes } from './graph';
import { handlers } from './handlers';
import { params } from './params';
import { withVsWithoutQueue } from '../comparisons';

/** "Message decoupling with SQS", from the seed's third diagram, as data. */
export const definition: PatternDefinition = {
  id: 'message-decoupling-sqs',
  title: 'Message decoupling with SQS',
  seedDiagram: 'message-decoupling-sqs.png',
  nodes,
  edges,
  params,
  flows,
  charts,
  explanation,
};

/** The pattern: its definition and the handlers it names. */
export const messageDecouplingSqs: Pattern = {
  ...definition,
  comparisons: [withVsWithoutQueue],
  handlers,
};
