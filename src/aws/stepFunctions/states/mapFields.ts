/**
 * The Map state's field evaluation: the numeric fields (literal, `...Path` or JSONata), where the
 * items come from (ItemsPath / Items / ItemReader), each iteration's input (ItemSelector), the
 * batches (ItemBatcher), and ResultWriter's output.
 */
import { ErrorNames } from '../errors';
import { evaluatePayload, lookupPath, selectPath } from '../expressions';
import { batchItems, readItems } from '../itemReader';
import { evaluateExpression, evaluateTemplate, expressionOf, isJsonataString } from '../jsonata';
import { contextOf, type Visit } from '../runtime';
import { StatesError } from '../statesError';
import { json, scopeOf, statesOf } from './common';
import type { MapPlan } from './map';

export function runtime(cause: string): StatesError {
  return new StatesError(ErrorNames.Runtime, cause);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? value : json(value);
}

/**
 * An integer field given literally, by a `...Path` (the value may be a number or a numeric
 * string) or by JSONata. `float` accepts fractions (ToleratedFailurePercentage).
 */
export function numberField(
  v: Visit,
  field: string,
  literal: unknown,
  path: string | undefined,
  data: unknown,
  float = false,
): number | undefined {
  if (v.jsonata && isJsonataString(literal)) {
    const value = evaluateExpression(expressionOf(literal), statesOf(v), v.vars, field);
    if (typeof value !== 'number' || (!float && !Number.isInteger(value))) {
      throw new StatesError(
        ErrorNames.QueryEvaluationError,
        `The ${field} field must evaluate to a number, got ${json(value)}.`,
      );
    }
    return value;
  }
  if (path === undefined) return literal as number | undefined;
  const found = lookupPath(path, data, scopeOf(v));
  if (!found.found) throw runtime(`The ${field}Path field does not reference a value: ${path}`);
  let value = found.value;
  if (
    typeof value === 'string' &&
    /^\s*-?\d+(\.\d+)?\s*$/.test(value) &&
    (float || /^\s*-?\d+\s*$/.test(value))
  ) {
    value = Number(value);
  }
  if (typeof value !== 'number' || (!float && !Number.isInteger(value))) {
    throw runtime(
      `The ${field}Path field refers to value "${describe(found.value)}" which is not a valid ${float ? 'float' : 'integer'}: ${path}`,
    );
  }
  return value;
}

export function readerItems(v: Visit, plan: { maxItems: number }): unknown[] {
  const reader = v.def.ItemReader;
  if (!reader) return [];
  const params = v.jsonata
    ? evaluateTemplate(reader.Arguments ?? {}, statesOf(v), v.vars, 'Arguments')
    : evaluatePayload(reader.Parameters ?? {}, v.input, scopeOf(v));
  return readItems(
    reader,
    (params ?? {}) as Record<string, unknown>,
    v.branch.env.s3Objects,
    plan.maxItems,
  );
}

export function directItems(v: Visit): unknown {
  if (v.jsonata) {
    return v.def.Items !== undefined
      ? evaluateTemplate(v.def.Items, statesOf(v), v.vars, 'Items')
      : v.rawInput;
  }
  return v.def.ItemsPath !== undefined ? selectPath(v.def.ItemsPath, v.input, scopeOf(v)) : v.input;
}

/** One iteration's input: ItemSelector (or legacy Parameters) with `$$.Map.Item`, else the item. */
export function itemInput(v: Visit, item: unknown, index: number): unknown {
  const selector = v.def.ItemSelector ?? (v.jsonata ? undefined : v.def.Parameters);
  if (selector === undefined) return item;
  const context = contextOf(v, { Map: { Item: { Index: index, Value: item } } });
  if (v.jsonata)
    return evaluateTemplate(selector, statesOf(v, {}, context), v.vars, 'ItemSelector');
  return evaluatePayload(selector, v.input, scopeOf(v, context));
}

export function batch(v: Visit, items: unknown[]): unknown[] {
  const b = v.def.ItemBatcher ?? {};
  const maxItems = numberField(
    v,
    'MaxItemsPerBatch',
    b.MaxItemsPerBatch,
    b.MaxItemsPerBatchPath,
    v.input,
  );
  const maxBytes = numberField(
    v,
    'MaxInputBytesPerBatch',
    b.MaxInputBytesPerBatch,
    b.MaxInputBytesPerBatchPath,
    v.input,
  );
  let batchInput: unknown;
  if (b.BatchInput !== undefined) {
    batchInput = v.jsonata
      ? evaluateTemplate(b.BatchInput, statesOf(v), v.vars, 'BatchInput')
      : evaluatePayload(b.BatchInput, v.input, scopeOf(v));
  }
  return batchItems(items, maxItems, maxBytes, batchInput);
}

/**
 * ResultWriter: stores the iteration results as S3 objects (a manifest plus one results file, as
 * a Distributed Map run does) and returns what the Map then outputs instead of the results.
 */
export function writeResults(v: Visit, plan: MapPlan): unknown {
  const writer = v.def.ResultWriter ?? {};
  const params = (
    v.jsonata
      ? evaluateTemplate(writer.Arguments ?? {}, statesOf(v), v.vars, 'Arguments')
      : evaluatePayload(writer.Parameters ?? {}, v.input, scopeOf(v))
  ) as Record<string, unknown>;
  const bucket = params.Bucket;
  if (typeof bucket !== 'string' || bucket === '') {
    throw new StatesError(ErrorNames.ResultWriterFailed, 'ResultWriter needs a Bucket.');
  }
  const mapRunArn = plan.mapRunArn ?? `${v.branch.env.execution.Id}:${v.name}`;
  const runId = mapRunArn.slice(mapRunArn.lastIndexOf(':') + 1);
  const prefix =
    typeof params.Prefix === 'string' && params.Prefix !== '' ? `${params.Prefix}/` : '';
  const base = `${prefix}${runId}`;
  const store = v.branch.env.s3Objects;
  store[`${bucket}/${base}/SUCCEEDED_0.json`] = json(plan.results);
  const manifestKey = `${base}/manifest.json`;
  store[`${bucket}/${manifestKey}`] = json({
    DestinationBucket: bucket,
    MapRunArn: mapRunArn,
    ResultFiles: {
      SUCCEEDED: [{ Key: `${base}/SUCCEEDED_0.json`, Size: json(plan.results).length }],
    },
  });
  return { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } };
}
