import type { PatternDefinition } from '../types';
import { buildMessageDecoupling } from './build';
import { charts, explanation, flows } from './explanation';
import { edges, nodes } from './graph';
import { params } from './params';

/** "Message decoupling with SQS": the first pattern, from the seed's third diagram. */
export const messageDecouplingSqs: PatternDefinition = {
  id: 'message-decoupling-sqs',
  title: 'Message decoupling with SQS',
  seedDiagram: 'message-decoupling-sqs.png',
  nodes,
  edges,
  params,
  flows,
  charts,
  explanation,
  build: buildMessageDecoupling,
};
