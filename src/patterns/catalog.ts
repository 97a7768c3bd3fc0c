import { loadKinds, type Pattern } from '../kit';

/**
 * A pattern as the picker and the address know it, before its code is loaded: its id, its title,
 * and how to load it. The app's first load carries only this list; each pattern's definition,
 * handlers and the service kinds it uses come in their own chunks when it is opened.
 */
export interface CatalogEntry {
  id: string;
  title: string;
  /** Imports the pattern's module (its definition and handlers). */
  load(): Promise<Pattern>;
}

/**
 * Every pattern, in the order the app lists them: the same ids, titles and order as `patterns`
 * in `index.ts` (catalog.test.ts checks it). Adding a pattern adds one line here too.
 */
export const catalog: readonly CatalogEntry[] = [
  {
    id: 'message-decoupling-sqs',
    title: 'Message decoupling with SQS',
    load: () => import('./message-decoupling-sqs').then((m) => m.messageDecouplingSqs),
  },
  {
    id: 'pubsub-sns',
    title: 'Pub/sub with SNS',
    load: () => import('./pubsub-sns').then((m) => m.pubsubSns),
  },
  {
    id: 'pubsub-eventbridge',
    title: 'Pub/sub with EventBridge',
    load: () => import('./pubsub-eventbridge').then((m) => m.pubsubEventBridge),
  },
  {
    id: 'message-bus',
    title: 'Message bus: SNS topic → SQS queues → consumers',
    load: () => import('./message-bus').then((m) => m.messageBus),
  },
  {
    id: 'api-gateway-single',
    title: 'API gateway: one for all services',
    load: () => import('./api-gateway-single').then((m) => m.apiGatewaySingle),
  },
  {
    id: 'api-gateway-multiple',
    title: 'API gateways: one per service',
    load: () => import('./api-gateway-multiple').then((m) => m.apiGatewayMultiple),
  },
  {
    id: 'orchestration-step-functions',
    title: 'Orchestration with Step Functions',
    load: () => import('./orchestration-step-functions').then((m) => m.orchestrationStepFunctions),
  },
];

/** The catalog entry of an id (undefined when unknown). */
export function catalogEntry(id: string): CatalogEntry | undefined {
  return catalog.find((entry) => entry.id === id);
}

/**
 * Loads a pattern and the service kinds it uses, ready to build runs from. Loading twice costs
 * nothing: the browser keeps modules once imported.
 */
export async function loadPattern(entry: CatalogEntry): Promise<Pattern> {
  const pattern = await entry.load();
  await loadKinds(pattern.nodes.map((node) => node.kind));
  return pattern;
}
