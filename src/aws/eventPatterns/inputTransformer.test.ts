import { describe, expect, it } from 'vitest';
import { applyInputPath, applyInputTransformer, evaluateJsonPath } from './index';

// The EC2 example event from the EventBridge input transformation guide.
const event = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING' },
};
const paths = { timestamp: '$.time', instance: '$.detail.instance-id', state: '$.detail.state' };

describe('applyInputTransformer (documented examples)', () => {
  it('fills a simple string template, keeping its quotes', () => {
    expect(
      applyInputTransformer(
        { InputPathsMap: paths, InputTemplate: '"instance <instance> is in <state>"' },
        event,
      ),
    ).toBe('"instance i-0123456789 is in RUNNING"');
  });

  it('keeps escaped quotes in a string template', () => {
    expect(
      applyInputTransformer(
        { InputPathsMap: paths, InputTemplate: '"instance \\"<instance>\\" is in <state>"' },
        event,
      ),
    ).toBe('"instance \\"i-0123456789\\" is in RUNNING"');
  });

  it('quotes string values outside JSON strings and inserts them raw inside', () => {
    const template =
      '{\n "instance" : <instance>,\n "state": "<state>",\n "instanceStatus": "instance \\"<instance>\\" is in <state>"\n}';
    expect(applyInputTransformer({ InputPathsMap: paths, InputTemplate: template }, event)).toBe(
      '{\n "instance" : "i-0123456789",\n "state": "RUNNING",\n "instanceStatus": "instance \\"i-0123456789\\" is in RUNNING"\n}',
    );
  });

  it('mixes variables with static JSON', () => {
    const template = '{"instance": <instance>, "state": [9, <state>, true], "Transformed": "Yes"}';
    expect(
      JSON.parse(applyInputTransformer({ InputPathsMap: paths, InputTemplate: template }, event)),
    ).toEqual({
      instance: 'i-0123456789',
      state: [9, 'RUNNING', true],
      Transformed: 'Yes',
    });
  });

  it('provides the predefined variables', () => {
    const template =
      '{"ruleArn": <aws.events.rule-arn>, "ruleName": <aws.events.rule-name>, "at": <aws.events.event.ingestion-time>, "original": <aws.events.event>, "full": <aws.events.event.json>}';
    const out = JSON.parse(
      applyInputTransformer({ InputTemplate: template }, event, {
        ruleArn: 'arn:aws:events:us-east-2:123456789012:rule/example',
        ruleName: 'example',
      }),
    );
    expect(out.ruleArn).toBe('arn:aws:events:us-east-2:123456789012:rule/example');
    expect(out.ruleName).toBe('example');
    expect(out.at).toBe('2015-11-11T21:29:54Z');
    expect(out.original).toEqual({ ...event, detail: undefined });
    expect(out.original).not.toHaveProperty('detail');
    expect(out.full).toEqual(event);
    expect(
      applyInputTransformer({ InputTemplate: '"<aws.events.rule-name> triggered"' }, event, {
        ruleName: 'example',
      }),
    ).toBe('"example triggered"');
  });

  it('replaces a variable whose path matches nothing with nothing (recorded AWS behaviour)', () => {
    const t = {
      InputPathsMap: { type: '$.detail-type', command: '$.detail.notinmessage' },
      InputTemplate: '"Event of <type> type, info <command>"',
    };
    expect(applyInputTransformer(t, event)).toBe(
      '"Event of EC2 Instance State-change Notification type, info "',
    );
  });

  it('inserts non-string values as JSON and leaves unknown placeholders alone', () => {
    const t = {
      InputPathsMap: { detail: '$.detail', res: '$.resources' },
      InputTemplate: '{"d": <detail>, "r": "<res>", "x": "<unknown>"}',
    };
    expect(applyInputTransformer(t, event)).toBe(
      '{"d": {"instance-id":"i-0123456789","state":"RUNNING"}, "r": "["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"]", "x": "<unknown>"}',
    );
  });

  it('accepts the event as JSON text and overrides the ingestion time', () => {
    const t = { InputTemplate: '"<aws.events.event.ingestion-time>"' };
    expect(
      applyInputTransformer(t, JSON.stringify(event), { ingestionTime: '2020-01-01T00:00:00Z' }),
    ).toBe('"2020-01-01T00:00:00Z"');
  });
});

describe('applyInputPath and JSON paths', () => {
  it('sends the selected part of the event as JSON', () => {
    expect(applyInputPath('$.detail', event)).toBe(
      '{"instance-id":"i-0123456789","state":"RUNNING"}',
    );
    expect(applyInputPath('$.detail.state', event)).toBe('"RUNNING"');
    expect(applyInputPath('$', event)).toBe(JSON.stringify(event));
    expect(applyInputPath('$.detail.nothing', event)).toBeUndefined();
  });

  it('supports indices, bracketed names and wildcards', () => {
    const e = { a: [{ b: 1 }, { b: 2 }], 'x-y': { 'p/q': 3 } };
    expect(evaluateJsonPath('$.a[1].b', e)).toEqual({ found: true, value: 2 });
    expect(evaluateJsonPath('$.a[-1].b', e)).toEqual({ found: true, value: 2 });
    expect(evaluateJsonPath("$['x-y']['p/q']", e)).toEqual({ found: true, value: 3 });
    expect(evaluateJsonPath('$.x-y.p/q', e)).toEqual({ found: true, value: 3 });
    expect(evaluateJsonPath('$.a[*].b', e)).toEqual({ found: true, value: [1, 2] });
    expect(evaluateJsonPath('$.a.*', e)).toEqual({ found: true, value: [{ b: 1 }, { b: 2 }] });
    expect(evaluateJsonPath('detail', e)).toEqual({ found: false, value: undefined });
  });
});
