import { describe, expect, it } from 'vitest';
import { findPattern, patterns } from '.';
import { parseScenario, scenarioOf, scenarioText } from './scenario';

describe('scenario files', () => {
  it('round-trips pattern, parameters, seed, rules, speed and time', () => {
    const pattern = findPattern('pubsub-sns')!;
    const rules = { topicToEmail: { type: ['Sales'] } };
    const scenario = scenarioOf({
      pattern,
      params: { ...Object.fromEntries(pattern.params.map((p) => [p.id, p.default])) },
      seed: 42,
      rules,
      speed: 25,
      timeMs: 12_345.6,
    });
    expect(scenario.timeS).toBe(12.346);
    const back = parseScenario(scenarioText(scenario), patterns);
    if ('errors' in back) throw new Error(back.errors.join('\n'));
    expect(back.scenario.pattern.id).toBe('pubsub-sns');
    expect(back.scenario.seed).toBe(42);
    expect(back.scenario.rules).toEqual(rules);
    expect(back.scenario.speed).toBe(25);
    expect(back.scenario.timeMs).toBe(12_346);
    expect(scenarioOf({ ...back.scenario, pattern: back.scenario.pattern })).toEqual(scenario);
  });

  it('writes every parameter, defaults included, so the file reads on its own', () => {
    const pattern = findPattern('message-decoupling-sqs')!;
    const s = scenarioOf({ pattern, params: { paymentRate: 40 }, seed: 1, speed: 1, timeMs: 0 });
    expect(Object.keys(s.params)).toEqual(pattern.params.map((p) => p.id));
    expect(s.params.paymentRate).toBe(40);
  });

  it('refuses what is not a scenario, naming each field', () => {
    const bad = parseScenario(
      JSON.stringify({
        format: 'nope',
        version: 2,
        pattern: 'message-decoupling-sqs',
        params: { nope: 1, paymentRate: -5 },
        rules: { salesQueue: {} },
        speed: 0,
        timeS: -1,
      }),
      patterns,
    );
    expect('errors' in bad && bad.errors).toEqual([
      expect.stringMatching(/^Field "format"/),
      expect.stringMatching(/^Field "version" must be 1, got 2/),
      expect.stringMatching(/^Field "params.nope": Unknown parameter/),
      expect.stringMatching(/^Field "params.paymentRate": .*out of range/),
      expect.stringMatching(/^Field "rules.salesQueue": the pattern has no subscription/),
      expect.stringMatching(/^Field "speed"/),
      expect.stringMatching(/^Field "timeS"/),
    ]);
    expect(parseScenario('[1]', patterns)).toEqual({
      errors: ['The file must hold one JSON object.'],
    });
    const unknown = parseScenario(
      '{"format":"aws-integration-pattern-scenario","version":1,"pattern":"x"}',
      patterns,
    );
    expect('errors' in unknown && unknown.errors[0]).toMatch(/known pattern/);
  });
});
