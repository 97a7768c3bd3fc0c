import type { ServiceKind } from '../definition';
import type { KindModule } from '../kind';
import { apiGatewayKind } from './apiGateway';
import { auroraKind } from './aurora';
import { ec2Kind } from './ec2';
import { emailKind } from './email';
import { lambdaKind } from './lambda';
import { sqsKind } from './sqs';
import { userKind } from './user';
import { storeKind } from './store';
import { opaqueKind } from './opaque';

/** The kinds every page needs, bundled with the app. */
const MODULES: Partial<Record<ServiceKind, KindModule>> = {
  user: userKind,
  apiGateway: apiGatewayKind,
  lambda: lambdaKind,
  sqs: sqsKind,
  aurora: auroraKind,
  ec2: ec2Kind,
  email: emailKind,
  store: storeKind,
  opaque: opaqueKind,
};

/**
 * Kinds whose models bring a rule engine (SNS filter policies, EventBridge event patterns) or the
 * Amazon States Language interpreter with JSONata: about half the simulation's code. The browser
 * loads them with the first pattern that uses them ({@link loadKinds}); Node entry points and the
 * tests register them all at once (`kinds/all.ts`).
 */
const LAZY: Partial<Record<ServiceKind, () => Promise<KindModule>>> = {
  sns: () => import('./sns').then((m) => m.snsKind),
  eventBridge: () => import('./eventBridge').then((m) => m.eventBridgeKind),
  stepFunctions: () => import('./stepFunctions').then((m) => m.stepFunctionsKind),
  pipe: () => import('./pipe').then((m) => m.pipeKind),
};

/** Adds kind modules (what `kinds/all.ts` and {@link loadKinds} do). */
export function registerKinds(modules: Partial<Record<ServiceKind, KindModule>>): void {
  Object.assign(MODULES, modules);
}

/** Loads the modules of `kinds` that are not loaded yet; assemble a run only after it resolves. */
export async function loadKinds(kinds: Iterable<ServiceKind>): Promise<void> {
  const missing = [...new Set(kinds)].filter((kind) => !MODULES[kind] && LAZY[kind]);
  const loaded = await Promise.all(
    missing.map((kind) => (LAZY[kind] as () => Promise<KindModule>)()),
  );
  missing.forEach((kind, i) => (MODULES[kind] = loaded[i]));
}

/** The module of a kind; throws a clear error for a kind that has no model or is not loaded. */
export function kindModule(kind: ServiceKind): KindModule {
  const module = MODULES[kind];
  if (module) return module;
  if (LAZY[kind])
    throw new Error(
      `the service kind "${kind}" is not loaded yet: await loadKinds(["${kind}"]) (or loadPattern) before building a run`,
    );
  throw new Error(`the service kind "${kind}" has no simulation model yet`);
}

/** Whether a kind can be simulated (loaded or loadable). */
export function hasModel(kind: ServiceKind): boolean {
  return MODULES[kind] !== undefined || LAZY[kind] !== undefined;
}
