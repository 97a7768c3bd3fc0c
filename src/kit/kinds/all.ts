import { registerKinds } from '.';
import { eventBridgeKind } from './eventBridge';
import { pipeKind } from './pipe';
import { snsKind } from './sns';
import { stepFunctionsKind } from './stepFunctions';

/**
 * Registers every kind at once, synchronously: for Node entry points (the CLI, the benchmarks)
 * and the tests, where bundle size does not matter. The browser loads kinds with the patterns
 * that use them (`loadKinds`).
 */
export function registerAllKinds(): void {
  registerKinds({
    sns: snsKind,
    eventBridge: eventBridgeKind,
    stepFunctions: stepFunctionsKind,
    pipe: pipeKind,
  });
}
