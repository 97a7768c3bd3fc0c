import type { Rng } from '../engine';
import type { Resolved } from './config';

/** A JSON value in a message body. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * What a message carries, for the rules that read it: a JSON body and SNS message attributes.
 * Messages keep only an index into the run's table of payloads (one Uint16 each), since a pattern
 * produces a handful of kinds of message, not a different one each time.
 */
export interface Payload {
  body: { [key: string]: Json };
  /** SNS message attributes (`String` values), by name. */
  attributes: Record<string, { Type: 'String' | 'Number'; Value: string }>;
}

/** A producer's mix of payloads: each created message draws one by weight. */
export class PayloadMix {
  private cumulative: number[] = [];

  constructor(
    /** Indexes into the run's payload table. */
    readonly variants: number[],
    weights: number[],
  ) {
    this.setWeights(weights);
  }

  /** Changes the weights (the mix sliders moved); the variants stay. */
  setWeights(weights: number[]): void {
    let sum = 0;
    this.cumulative = weights.map((w) => (sum += Math.max(0, w)));
  }

  /** Draws a variant (the first one when every weight is 0). */
  pick(rng: Rng): number {
    const total = this.cumulative[this.cumulative.length - 1] ?? 0;
    if (this.variants.length <= 1 || !(total > 0)) return this.variants[0] ?? 0;
    const u = rng.next() * total;
    for (let i = 0; i < this.cumulative.length; i++)
      if (u < (this.cumulative[i] as number)) return this.variants[i] as number;
    return this.variants[this.variants.length - 1] as number;
  }
}

/**
 * Reads a producer's `payloads` config: a list of `{ weight, body, attributes? }`. Without
 * attributes, every top-level string or number of the body becomes one (as a publisher that
 * copies its fields into MessageAttributes does).
 */
export function readPayloads(
  value: Resolved | undefined,
  owner: string,
): { payloads: Payload[]; weights: number[] } {
  if (value === undefined || value === null) return { payloads: [], weights: [] };
  if (!Array.isArray(value)) throw new Error(`${owner}: config "payloads" must be a list`);
  const payloads: Payload[] = [];
  const weights: number[] = [];
  value.forEach((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw new Error(`${owner}: payloads[${i}] must be an object`);
    const body = item.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new Error(`${owner}: payloads[${i}].body must be an object`);
    const weight = item.weight ?? 1;
    if (typeof weight !== 'number')
      throw new Error(`${owner}: payloads[${i}].weight must be a number`);
    const attributes: Payload['attributes'] = {};
    const given = item.attributes;
    const source = given && typeof given === 'object' && !Array.isArray(given) ? given : body;
    for (const [k, v] of Object.entries(source)) {
      if (typeof v === 'string') attributes[k] = { Type: 'String', Value: v };
      else if (typeof v === 'number') attributes[k] = { Type: 'Number', Value: String(v) };
    }
    payloads.push({ body: body as Payload['body'], attributes });
    weights.push(weight);
  });
  return { payloads, weights };
}
