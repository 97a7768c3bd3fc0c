import { describe, expect, it } from 'vitest';
import { patterns } from '../patterns';
import { importedPattern } from '../patterns/orchestration-step-functions/imported';
import { SAMPLE } from '../patterns/orchestration-step-functions/sample';
import { decodeWorkflow, encodeWorkflow, patternsWithLink } from './aslLink';
import { buildSearch, parseLocation } from './url';

describe('an imported workflow in the link', () => {
  it('travels compressed and comes back equal', () => {
    const value = encodeWorkflow(SAMPLE);
    expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(value.length).toBeLessThan(JSON.stringify(SAMPLE).length);
    const back = decodeWorkflow(value);
    expect('workflow' in back && back.workflow).toEqual(SAMPLE);
  });

  it('round-trips through the address with its parameters', () => {
    const pattern = importedPattern(SAMPLE);
    const search = buildSearch(pattern, { task1ErrorRate: 30 }, 7);
    expect(search).toMatch(/[?&]asl=/);
    const linked = patternsWithLink(search, patterns);
    expect(linked.errors).toEqual([]);
    const location = parseLocation(search, linked.patterns);
    expect(location.errors).toEqual([]);
    expect(location.pattern.title).toMatch(/Imported/);
    expect(location.params.task1ErrorRate).toBe(30);
    expect(location.seed).toBe(7);
  });

  it('a malformed or invalid one gives a clear error and the rest of the link still applies', () => {
    for (const bad of [
      'not*base64',
      'AAAA',
      encodeWorkflow({ definition: { StartAt: 'X', States: {} } }),
    ]) {
      const search = `?pattern=orchestration-step-functions&executionRate=12&asl=${bad}&seed=4`;
      const linked = patternsWithLink(search, patterns);
      expect(linked.errors).toHaveLength(1);
      expect(linked.errors[0]).toMatch(/imported workflow in the link/);
      const location = parseLocation(search, linked.patterns);
      expect(location.errors).toEqual([]);
      expect(location.params.executionRate).toBe(12);
      expect(location.seed).toBe(4);
    }
    const invalid = patternsWithLink(
      `?asl=${encodeWorkflow({ definition: { StartAt: 'X', States: { X: { Type: 'Pass', Next: 'Y' } } } })}`,
      patterns,
    );
    expect(invalid.errors[0]).toMatch(/\/States\/X\/Next/);
  });
});
