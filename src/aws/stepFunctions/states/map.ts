/**
 * Map: works out the items (ItemsPath / Items / ItemReader, then ItemBatcher), the concurrency
 * limit and the failure tolerance, builds each iteration's input (ItemSelector / Parameters with
 * `$$.Map.Item`), and turns the iterations' outcomes into the state's result.
 */
import { ErrorNames, errorOutput, failure, toFailure, type Failure } from '../errors';
import type { Outcome, Visit } from '../runtime';
import { StatesError } from '../statesError';
import type { StateDefinition, SubMachineDefinition } from '../types';
import {
  batch,
  directItems,
  itemInput,
  numberField,
  readerItems,
  runtime,
  writeResults,
} from './mapFields';
import { json } from './common';
import { completeWithResult, handleError } from './results';

/** Everything an attempt of a Map needs once its fields are evaluated. */
export interface MapPlan {
  readonly items: unknown[];
  /** 0 = no limit. */
  readonly maxConcurrency: number;
  readonly distributed: boolean;
  readonly processor: SubMachineDefinition;
  readonly toleratedCount: number | undefined;
  readonly toleratedPercentage: number | undefined;
  readonly mapRunArn: string | undefined;
  readonly results: unknown[];
  failures: number;
}

/** The processor of a Map (ItemProcessor, or the legacy Iterator). */
export function processorOf(def: StateDefinition): SubMachineDefinition {
  return (def.ItemProcessor ?? def.Iterator) as SubMachineDefinition;
}

/**
 * Starts an attempt: evaluates MaxConcurrency, the items and the tolerance fields, records
 * MapStateStarted (and MapRunStarted for a distributed Map), and returns the plan, or the outcome
 * of a failure.
 */
export function startMap(v: Visit): MapPlan | Outcome {
  const def = v.def;
  const env = v.branch.env;
  const history = v.branch.history;
  let plan: MapPlan;
  try {
    const maxConcurrency =
      numberField(v, 'MaxConcurrency', def.MaxConcurrency, def.MaxConcurrencyPath, v.input) ?? 0;
    if (maxConcurrency < 0)
      throw runtime(
        `Expected non-negative integer for MaxConcurrency, got '${maxConcurrency}' instead.`,
      );
    let items: unknown[];
    if (def.ItemReader) {
      history.record(v.branch.chain, 'MapStateStarted', {
        mapStateStartedEventDetails: { length: 0 },
      });
      const config = def.ItemReader.ReaderConfig ?? {};
      const maxItems =
        numberField(v, 'MaxItems', config.MaxItems, config.MaxItemsPath, v.input) ?? 0;
      if (maxItems < 0)
        throw new StatesError(ErrorNames.ItemReaderFailed, 'field MaxItems must be positive');
      items = readerItems(v, { maxItems });
    } else {
      const value = directItems(v);
      if (!Array.isArray(value)) {
        throw runtime(`Items field must reference a JSON array, got ${json(value)}`);
      }
      items = value;
      history.record(v.branch.chain, 'MapStateStarted', {
        mapStateStartedEventDetails: { length: items.length },
      });
    }
    const toleratedCount = numberField(
      v,
      'ToleratedFailureCount',
      def.ToleratedFailureCount,
      def.ToleratedFailureCountPath,
      v.input,
    );
    if (toleratedCount !== undefined && toleratedCount < 0)
      throw runtime('ToleratedFailureCount cannot be negative.');
    const toleratedPercentage = numberField(
      v,
      'ToleratedFailurePercentage',
      def.ToleratedFailurePercentage,
      def.ToleratedFailurePercentagePath,
      v.input,
      true,
    );
    if (
      toleratedPercentage !== undefined &&
      (toleratedPercentage < 0 || toleratedPercentage > 100)
    ) {
      throw runtime('ToleratedFailurePercentage must be between 0 and 100.');
    }
    const inputs = items.map((item, index) => itemInput(v, item, index));
    const batched = def.ItemBatcher ? batch(v, inputs) : inputs;
    const processor = processorOf(def);
    const distributed = processor.ProcessorConfig?.Mode === 'DISTRIBUTED';
    const mapRunArn = distributed
      ? `arn:aws:states:${env.region}:${env.accountId}:mapRun:${env.stateMachine.Name}/${def.Label ?? v.name}:${++env.serial}`
      : undefined;
    plan = {
      items: batched,
      maxConcurrency,
      distributed,
      processor,
      toleratedCount,
      toleratedPercentage,
      mapRunArn,
      results: new Array<unknown>(batched.length),
      failures: 0,
    };
  } catch (e) {
    return handleError(v, toFailure(e), () => history.record(v.branch.chain, 'MapStateFailed'));
  }
  if (plan.mapRunArn)
    history.record(v.branch.chain, 'MapRunStarted', {
      mapRunStartedEventDetails: { mapRunArn: plan.mapRunArn },
    });
  return plan;
}

/** True when `startMap` produced a plan rather than an outcome. */
export function isPlan(x: MapPlan | Outcome): x is MapPlan {
  return 'items' in x;
}

/**
 * Records an iteration's failure and says whether the Map must fail now: an inline Map fails on
 * the first failed iteration with that iteration's error; a distributed Map only once the
 * failures exceed ToleratedFailureCount / ToleratedFailurePercentage.
 */
export function iterationFailed(plan: MapPlan, index: number, f: Failure): Failure | null {
  plan.failures++;
  if (!plan.distributed) return f;
  plan.results[index] = errorOutput(f);
  const total = plan.items.length;
  const overCount = plan.toleratedCount === undefined || plan.failures > plan.toleratedCount;
  const overPercent =
    plan.toleratedPercentage === undefined ||
    (plan.failures / total) * 100 > plan.toleratedPercentage;
  const exceeded =
    plan.toleratedCount !== undefined && plan.toleratedPercentage !== undefined
      ? overCount || overPercent
      : plan.toleratedCount !== undefined
        ? overCount
        : plan.toleratedPercentage !== undefined
          ? overPercent
          : true;
  if (!exceeded) return null;
  return failure(
    ErrorNames.ExceedToleratedFailureThreshold,
    'The specified tolerated failure threshold for the Map Run has been exceeded.',
  );
}

/** Every iteration is done: MapStateSucceeded (and MapRunSucceeded), then the result tail. */
export function mapSucceeded(v: Visit, plan: MapPlan): Outcome {
  const history = v.branch.history;
  if (!plan.distributed) v.branch.chain.last = history.count;
  if (plan.mapRunArn) history.record(v.branch.chain, 'MapRunSucceeded');
  history.record(v.branch.chain, 'MapStateSucceeded', undefined, false);
  if (v.def.ResultWriter) {
    try {
      return completeWithResult(v, writeResults(v, plan));
    } catch (e) {
      return mapFailed(v, null, toFailure(e));
    }
  }
  return completeWithResult(v, plan.results);
}

/** The Map failed with `f` (an iteration's error, or the tolerance was exceeded). */
export function mapFailed(v: Visit, plan: MapPlan | null, f: Failure): Outcome {
  const history = v.branch.history;
  if (plan && !plan.distributed) v.branch.chain.last = history.count;
  if (plan?.mapRunArn) {
    history.record(v.branch.chain, 'MapRunFailed', {
      mapRunFailedEventDetails: {
        ...(f.error ? { error: f.error } : {}),
        ...(f.cause ? { cause: f.cause } : {}),
      },
    });
  }
  return handleError(v, f, () => history.record(v.branch.chain, 'MapStateFailed'));
}
