import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refMarker, refsIn, Resolver } from './intrinsics';
import { parseFile, TemplateError } from './parse';

const template = {
  Parameters: {
    Stage: { Type: 'String', Default: 'prod' },
    Size: { Type: 'Number', Default: 5 },
    Subnets: { Type: 'CommaDelimitedList', Default: 'a,b,c' },
    NoDefault: { Type: 'String' },
    FromSsm: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/app/url' },
  },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
    IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    Both: { 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Equals': ['x', 'x'] }] },
  },
  Mappings: { Sizes: { prod: { Memory: 1024 } } },
  Resources: { Queue: { Type: 'AWS::SQS::Queue' }, Fn: { Type: 'AWS::Serverless::Function' } },
};

describe('the intrinsic resolver', () => {
  const r = () => new Resolver(template);

  it('resolves Ref to parameters (defaults), pseudo parameters and resources', () => {
    const v = r();
    expect(v.resolve({ Ref: 'Stage' }, 'p')).toBe('prod');
    expect(v.resolve({ Ref: 'AWS::Region' }, 'p')).toBe('us-east-1');
    expect(v.resolve({ Ref: 'Queue' }, 'p')).toBe(refMarker('Queue'));
    expect(v.resolve({ Ref: 'Subnets' }, 'p')).toEqual(['a', 'b', 'c']);
    expect(v.unresolved).toEqual([]);
  });

  it('uses values the user gives in place of defaults', () => {
    const v = new Resolver(template, { Stage: 'dev' });
    expect(v.condition('IsProd')).toBe(false);
    expect(v.condition('IsDev')).toBe(true);
  });

  it('resolves GetAtt, Sub (both forms, ${!literal}), Join, Select, Split, If, FindInMap', () => {
    const v = r();
    expect(v.resolve({ 'Fn::GetAtt': ['Queue', 'Arn'] }, 'p')).toBe(refMarker('Queue', 'Arn'));
    expect(
      v.resolve({ 'Fn::Sub': 'q-${Stage}-${Queue.Arn}-${!Literal}-${AWS::AccountId}' }, 'p'),
    ).toBe(`q-prod-${refMarker('Queue', 'Arn')}-\${Literal}-123456789012`);
    expect(v.resolve({ 'Fn::Sub': ['${A}/${Stage}', { A: { Ref: 'Queue' } }] }, 'p')).toBe(
      `${refMarker('Queue')}/prod`,
    );
    expect(v.resolve({ 'Fn::Join': ['-', ['a', { Ref: 'Stage' }]] }, 'p')).toBe('a-prod');
    expect(v.resolve({ 'Fn::Select': [1, { Ref: 'Subnets' }] }, 'p')).toBe('b');
    expect(v.resolve({ 'Fn::Split': [',', 'x,y'] }, 'p')).toEqual(['x', 'y']);
    expect(v.resolve({ 'Fn::If': ['IsProd', 1, 2] }, 'p')).toBe(1);
    expect(v.resolve({ 'Fn::If': ['Both', 'yes', 'no'] }, 'p')).toBe('yes');
    expect(v.resolve({ 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Memory'] }, 'p')).toBe(1024);
  });

  it('leaves out AWS::NoValue keys and items', () => {
    const v = r();
    expect(
      v.resolve(
        {
          a: 1,
          b: { Ref: 'AWS::NoValue' },
          c: [1, { 'Fn::If': ['IsDev', 2, { Ref: 'AWS::NoValue' }] }],
        },
        'p',
      ),
    ).toEqual({ a: 1, c: [1] });
  });

  it('lists what a template alone cannot tell instead of guessing', () => {
    const v = r();
    const imported = v.resolve({ 'Fn::ImportValue': 'SharedBus' }, 'Resources.Fn.Properties.Env');
    expect(String(imported)).toContain('@@unresolved:');
    v.resolve({ Ref: 'NoDefault' }, 'Resources.Fn.Properties.A');
    v.resolve({ Ref: 'FromSsm' }, 'Resources.Fn.Properties.B');
    v.resolve('{{resolve:ssm:/app/key}}', 'Resources.Fn.Properties.C');
    expect(v.unresolved.map((u) => u.why)).toEqual([
      "another stack's export: only known at deployment",
      'a parameter without a default value',
      'an SSM parameter: its value is read at deployment',
      'a dynamic reference to ssm',
    ]);
    expect(v.unresolved[0]?.path).toBe('Resources.Fn.Properties.Env');
  });

  it('finds the resources a resolved value refers to', () => {
    expect(refsIn({ a: [refMarker('Queue', 'Arn'), `x${refMarker('Fn')}y`] })).toEqual([
      'Queue',
      'Fn',
    ]);
  });

  // Properties: the resolver agrees with the functions' definitions for any strings.
  const word = fc.stringMatching(/^[a-z0-9 ]{0,8}$/);
  it('property: Join of a Split is the original string', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), (parts) => {
        const text = parts.join(',');
        const v = r();
        expect(v.resolve({ 'Fn::Join': [',', { 'Fn::Split': [',', text] }] }, 'p')).toBe(text);
      }),
    );
  });

  it('property: Select picks the item, Sub without variables is the text, If follows Equals', () => {
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        word,
        word,
        (list, n, a, b) => {
          const v = r();
          const i = n % list.length;
          expect(v.resolve({ 'Fn::Select': [i, list] }, 'p')).toBe(list[i]);
          expect(v.resolve({ 'Fn::Sub': a }, 'p')).toBe(a);
          const t = new Resolver({ Conditions: { C: { 'Fn::Equals': [a, b] } } });
          expect(t.resolve({ 'Fn::If': ['C', 'same', 'different'] }, 'p')).toBe(
            a === b ? 'same' : 'different',
          );
          expect(t.unresolved).toEqual([]);
        },
      ),
    );
  });

  it('property: Sub substitutes every variable it is given', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[A-Z][a-z]{0,5}$/), word, { maxKeys: 4 }),
        (vars) => {
          const text = Object.keys(vars)
            .map((k) => `<\${${k}}>`)
            .join('');
          const expected = Object.values(vars)
            .map((x) => `<${x}>`)
            .join('');
          expect(r().resolve({ 'Fn::Sub': [text, vars] }, 'p')).toBe(expected);
        },
      ),
    );
  });
});

describe('reading a template', () => {
  it('turns short-form tags into the long form and keeps lines', () => {
    const parsed = parseFile(
      'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  F:\n    Properties:\n      A: !Ref Q\n      B: !GetAtt Q.Arn\n      C: !Sub\n        - x${Y}\n        - Y: !Ref Q\n',
      't.yaml',
    );
    expect(parsed.body).toEqual({
      Resources: {
        Q: { Type: 'AWS::SQS::Queue' },
        F: {
          Properties: {
            A: { Ref: 'Q' },
            B: { 'Fn::GetAtt': ['Q', 'Arn'] },
            C: { 'Fn::Sub': ['x${Y}', { Y: { Ref: 'Q' } }] },
          },
        },
      },
    });
    expect(parsed.lineOf(['Resources', 'F'])).toBe(4);
  });

  it('points at the line of a broken template', () => {
    try {
      parseFile('Resources:\n  Q:\n    Type: [unclosed\n  F: 1\n', 't.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateError);
      expect((e as TemplateError).line).toBeGreaterThanOrEqual(3);
      expect((e as TemplateError).message).toMatch(/^t\.yaml:\d+:\d+: /);
    }
  });

  it('accepts what CloudFormation accepts: duplicate keys, a flow list at the key indentation', () => {
    const parsed = parseFile('A: 1\nA: 2\nB:\n  C: [\n  x, y\n  ]\n', 't.yaml');
    expect(parsed.body).toEqual({ A: 2, B: { C: ['x', 'y'] } });
  });
});
