// Runs every recorded AWS case: match cases compare the boolean (pattern and event given both as
// values and as JSON text, since AWS receives text); error cases need AWS's exact message.
import { describe, expect, it } from 'vitest';
import cases from '../../../test/conformance/eventbridge/pattern-cases.json';
import {
  compileEventPattern,
  explainEventPatternMismatch,
  matchEventPattern,
  validateEventPattern,
} from './index';

interface PatternCase {
  name: string;
  event: unknown;
  pattern: unknown;
  expected: boolean | 'error';
  awsErrorMessage?: string;
}

const all = cases as PatternCase[];

describe('EventBridge pattern conformance (recorded against AWS)', () => {
  it('has the 155 cases the suite is sized for', () => {
    expect(all).toHaveLength(155);
  });

  for (const c of all) {
    if (c.expected === 'error') {
      it(`${c.name}: rejected with AWS's message`, () => {
        expect(validateEventPattern(c.pattern)).toEqual({ ok: false, message: c.awsErrorMessage });
        expect(validateEventPattern(JSON.stringify(c.pattern))).toEqual({
          ok: false,
          message: c.awsErrorMessage,
        });
        expect(() => compileEventPattern(c.pattern)).toThrow(c.awsErrorMessage);
      });
    } else {
      it(`${c.name}: ${c.expected ? 'matches' : 'does not match'}`, () => {
        expect(validateEventPattern(c.pattern)).toEqual({ ok: true });
        expect(matchEventPattern(c.pattern, c.event)).toBe(c.expected);
        expect(matchEventPattern(JSON.stringify(c.pattern), JSON.stringify(c.event))).toBe(
          c.expected,
        );
        const explained = explainEventPatternMismatch(c.pattern, c.event);
        expect(explained.matched).toBe(c.expected);
        expect(explained.reasons.length > 0).toBe(!c.expected);
      });
    }
  }
});
