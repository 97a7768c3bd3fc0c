import { describe, expect, it } from 'vitest';
import { matchWildcard, parseWildcard, wildcardComplexity } from './wildcard';

describe('wildcard complexity', () => {
  // Expected values are event-ruler's own MachineComplexityEvaluatorTest results (unquoted patterns).
  it.each<[string[], number]>([
    [['*'], 1],
    [['*', 'ab*c'], 3],
    [['*aa'], 3],
    [['a*bbb'], 4],
    [['*ab*ad'], 4],
    [['a*b*bb'], 5],
    [['*abc', '*abcde'], 4],
    [['a*aaa', 'aa*aa'], 7],
    [['a*aaa', 'aaa*a'], 6],
    [['ab*cd', 'ab*wx', 'ab*yz'], 6],
    [['ab*c', 'ab*c'], 2],
    [['*ab*b*b*'], 7],
    [['*a*a*a*a*a*a*a*a*'], 17],
    [['F*eatureFeature', 'Fe*atureFeature', 'Fea*tureFeature'], 10],
    [
      [
        'aahed*',
        'aal*ii',
        'aargh*',
        'aarti*',
        'a*baca',
        '*abaci',
        'a*back',
        'ab*acs',
        'abaf*t',
        '*abaka',
        'ab*amp',
        'a*band',
        '*abase',
        'abash*',
        'abas*k',
        'ab*ate',
        'aba*ya',
        'abbas*',
        'abbed*',
        'ab*bes',
        'abbey*',
        '*abbot',
        'ab*cee',
        'abea*m',
        'abe*ar',
        'a*bele',
        'a*bers',
        'abet*s',
        '*abhor',
        'abi*de',
        'a*bies',
        '*abled',
      ],
      45,
    ],
  ])(
    '%j has complexity %i, as in event-ruler',
    (patterns, expected) => {
      expect(wildcardComplexity(patterns, 1000, false)).toBe(expected);
    },
    60_000,
  );

  it('measures EventBridge values with their quotes and caps at the limit', () => {
    expect(wildcardComplexity(['*:*:*:*:*:event-bus/*'], 1000)).toBe(11);
    expect(wildcardComplexity(['/Users/*/dir/dir/dir/dir/dir/doc.txt'], 1000)).toBe(7);
    expect(wildcardComplexity(['*:*:*:*:*:event-bus/*'], 5)).toBe(5);
  });
});

describe('wildcard matching', () => {
  it('anchors the ends and finds the middle pieces in order', () => {
    const w = parseWildcard('a*b*c');
    expect(matchWildcard(w, 'abc')).toBe(true);
    expect(matchWildcard(w, 'axxbyyc')).toBe(true);
    expect(matchWildcard(w, 'ac')).toBe(false);
    expect(matchWildcard(parseWildcard('*a*a*'), 'a')).toBe(false);
    expect(matchWildcard(parseWildcard('ab*ba'), 'aba')).toBe(false);
  });
});
