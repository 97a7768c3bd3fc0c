import { describe, expect, it } from 'vitest';
import { patterns } from '../patterns';
import {
  DEFAULT_EMBED_OPTIONS,
  embedOptionsSearch,
  parseAspect,
  parseDurationS,
  parseEmbedOptions,
} from './embedOptions';

const sqs = patterns.find((p) => p.id === 'message-decoupling-sqs')!;

describe('embed options', () => {
  it('defaults: reader theme, autoplay, playback controls, t = 0, content height', () => {
    const parsed = parseEmbedOptions('?pattern=message-decoupling-sqs&paymentRate=30', sqs);
    expect(parsed.options).toEqual(DEFAULT_EMBED_OPTIONS);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.simulation).toBe('?pattern=message-decoupling-sqs&paymentRate=30');
  });

  it('reads every option and leaves the simulation its own keys', () => {
    const parsed = parseEmbedOptions(
      '?pattern=message-decoupling-sqs&theme=dark&autoplay=off&controls=paymentRate,salesConcurrency&t=1m30s&speed=10&aspect=16:9&seed=4',
      sqs,
    );
    expect(parsed.options).toEqual({
      theme: 'dark',
      autoplay: false,
      controls: { kind: 'params', ids: ['paymentRate', 'salesConcurrency'] },
      startMs: 90_000,
      speed: 10,
      aspect: 16 / 9,
    });
    expect(parsed.simulation).toBe('?pattern=message-decoupling-sqs&seed=4');
    expect(parsed.warnings).toEqual([]);
  });

  it('a bad value is a warning and its default, never an exception', () => {
    const parsed = parseEmbedOptions(
      '?theme=purple&autoplay=maybe&controls=nope&t=soon&speed=0&aspect=wide',
      sqs,
    );
    expect(parsed.options).toEqual(DEFAULT_EMBED_OPTIONS);
    expect(parsed.warnings).toHaveLength(7);
    expect(parsed.warnings[0]).toBe(
      'Embed option theme="purple" ignored: use light, dark or auto.',
    );
    expect(parsed.warnings.join(' ')).toContain(
      '"nope" is not a parameter of message-decoupling-sqs',
    );
  });

  it('controls: none, playback, or known parameters (unknown ones dropped and named)', () => {
    expect(parseEmbedOptions('?controls=none', sqs).options.controls).toEqual({ kind: 'none' });
    const mixed = parseEmbedOptions('?controls=paymentRate,bogus,paymentRate', sqs);
    expect(mixed.options.controls).toEqual({ kind: 'params', ids: ['paymentRate'] });
    expect(mixed.warnings).toHaveLength(1);
  });

  it('durations and ratios', () => {
    expect(parseDurationS('90')).toBe(90);
    expect(parseDurationS('2h')).toBe(7200);
    expect(parseDurationS('1m30s')).toBe(90);
    expect(parseDurationS('-5')).toBeNull();
    expect(parseDurationS('m')).toBeNull();
    expect(parseAspect('4/3')).toBeCloseTo(4 / 3);
    expect(parseAspect('1.6')).toBe(1.6);
    expect(parseAspect('0:1')).toBeNull();
    expect(parseAspect('1:2:3')).toBeNull();
  });

  it('writes back what it reads', () => {
    const options = {
      theme: 'light' as const,
      autoplay: false,
      controls: { kind: 'params' as const, ids: ['paymentRate', 'batchSize'] },
      startMs: 30_000,
      speed: 5,
      aspect: 4 / 3,
    };
    const search = embedOptionsSearch(options);
    expect(search).toBe(
      'theme=light&autoplay=0&controls=paymentRate,batchSize&t=30&speed=5&aspect=4:3',
    );
    expect(parseEmbedOptions(`?${search}`, sqs).options).toEqual(options);
    expect(embedOptionsSearch(DEFAULT_EMBED_OPTIONS)).toBe('');
  });
});
