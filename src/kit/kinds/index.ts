import type { ServiceKind } from '../definition';
import type { KindModule } from '../kind';
import { apiGatewayKind } from './apiGateway';
import { auroraKind } from './aurora';
import { ec2Kind } from './ec2';
import { emailKind } from './email';
import { eventBridgeKind } from './eventBridge';
import { snsKind } from './sns';
import { lambdaKind } from './lambda';
import { sqsKind } from './sqs';
import { stepFunctionsKind } from './stepFunctions';
import { userKind } from './user';
import { storeKind } from './store';
import { opaqueKind } from './opaque';

/** Every service kind with a model, by kind. */
const MODULES: Partial<Record<ServiceKind, KindModule>> = {
  user: userKind,
  apiGateway: apiGatewayKind,
  lambda: lambdaKind,
  sqs: sqsKind,
  aurora: auroraKind,
  ec2: ec2Kind,
  sns: snsKind,
  email: emailKind,
  eventBridge: eventBridgeKind,
  stepFunctions: stepFunctionsKind,
  store: storeKind,
  opaque: opaqueKind,
};

/** The module of a kind; throws a clear error for a kind that has no model yet. */
export function kindModule(kind: ServiceKind): KindModule {
  const module = MODULES[kind];
  if (!module) throw new Error(`the service kind "${kind}" has no simulation model yet`);
  return module;
}

/** Whether a kind can be simulated. */
export function hasModel(kind: ServiceKind): boolean {
  return MODULES[kind] !== undefined;
}
