import type { ServiceKind } from '../../patterns';
import { apiGatewayView } from './apiGateway';
import { auroraView } from './aurora';
import { ec2View } from './ec2';
import { emailView } from './email';
import { eventBridgeView } from './eventBridge';
import { lambdaView } from './lambda';
import { snsView } from './sns';
import { sqsView } from './sqs';
import { stepFunctionsView } from './stepFunctions';
import type { KindView } from './types';
import { userView } from './user';
import { storeView } from './store';
import { opaqueView } from './opaque';
import { pipeView } from './pipe';

/** Every kind's view, by kind: adding a ServiceKind without its module here fails to compile. */
const VIEWS: { readonly [K in ServiceKind]: KindView<K> } = {
  user: userView,
  apiGateway: apiGatewayView,
  lambda: lambdaView,
  sqs: sqsView,
  sns: snsView,
  eventBridge: eventBridgeView,
  stepFunctions: stepFunctionsView,
  aurora: auroraView,
  ec2: ec2View,
  email: emailView,
  store: storeView,
  pipe: pipeView,
  opaque: opaqueView,
};

/** How the view draws a kind of service: name, colour, icon, width, badges, alarm. */
export function kindView<K extends ServiceKind>(kind: K): KindView<K> {
  const view = VIEWS[kind];
  if (!view) throw new Error(`No view for service kind "${kind}"`);
  return view;
}

/** Every kind's view, in the order of ServiceKind. */
export const kindViews: readonly KindView[] = Object.values(VIEWS);

export type { BadgesProps, KindView, Stats } from './types';
