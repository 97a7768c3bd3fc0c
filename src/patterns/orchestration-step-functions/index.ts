import type { Pattern, PatternDefinition } from '../../kit';
import { charts, explanation, flows } from './explanation';
import { edges, nodes } from './graph';
import { params } from './params';

/** "Orchestration with Step Functions", from the seed's sixth diagram, as data. */
export const definition: PatternDefinition = {
  id: 'orchestration-step-functions',
  title: 'Orchestration with Step Functions',
  seedDiagram: 'microservices-workflow-with-steps.png',
  nodes,
  edges,
  params,
  flows,
  charts,
  explanation,
};

/** The pattern: its definition, and no handlers (the workflow is the state machine's own data). */
export const orchestrationStepFunctions: Pattern = { ...definition, handlers: {} };
