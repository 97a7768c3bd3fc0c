import { describe, expect, it } from 'vitest';
import { checkDefinition, definitionOf } from '../../kit';
import { apiGatewaySingle } from './index';

describe('call flows and edge series in the schema', () => {
  const definition = definitionOf(apiGatewaySingle);

  it('accepts the pattern as it is', () => {
    expect(checkDefinition(definition)).toEqual([]);
  });

  it('refuses a call flow or a chart series naming an edge that does not exist', () => {
    const broken = structuredClone(definition);
    const flow = broken.flows.find((f) => f.measure.kind === 'call')!;
    flow.measure = { kind: 'call', edge: 'nowhere', path: '/sales' };
    const series = broken.charts.flatMap((c) => c.series).find((s) => 'edge' in s.source)!;
    series.source = { edge: 'nowhereEither', stat: 'throttled', rate: true };
    const problems = checkDefinition(broken).map((p) => JSON.stringify(p));
    expect(problems.some((p) => p.includes('measure.edge') && p.includes('nowhere'))).toBe(true);
    expect(problems.some((p) => p.includes('source.edge') && p.includes('nowhereEither'))).toBe(
      true,
    );
  });
});
