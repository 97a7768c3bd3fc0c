import { describe, expect, it } from 'vitest';
import { ORDER_WORKFLOW } from '../../patterns/orchestration-step-functions/workflow';
import { describeRule, workflowGraph } from './aslGraph';
import { estimateText, fitWorkflow, layoutWorkflow, lineCount, type PlacedBox } from './layout';

describe('a definition as the console draws it', () => {
  it('has Start and End, frames for Parallel and Map, branch columns, and labelled arrows', () => {
    const g = workflowGraph(ORDER_WORKFLOW);
    const box = (id: string) => g.boxes.find((b) => b.id === id);
    expect(box('Fulfilment')).toMatchObject({ kind: 'frame', stateType: 'Parallel' });
    expect(box('Fulfilment#1')).toMatchObject({ kind: 'branch', parent: 'Fulfilment' });
    expect(box('LogisticService')).toMatchObject({ kind: 'state', parent: 'Fulfilment#2' });
    expect(box('OrderService')?.detail).toBe('Lambda OrderService');
    const arrows = g.arrows.map((a) => `${a.source}>${a.target}:${a.kind}:${a.label ?? ''}`);
    expect(arrows).toContain('__start>OrderService:next:');
    expect(arrows).toContain('OrderService>CustomerNotificationService:catch:Catch States.ALL');
    expect(arrows).toContain('Order placed?>Order failed:choice:$.error is present');
    expect(arrows).toContain('Order placed?>Order placed:default:Default');
    expect(arrows).toContain('Order failed>__end:next:');
    // Inside a branch, an end ends the branch, not the execution.
    expect(arrows.some((a) => a.startsWith('LogisticService>__end'))).toBe(false);
  });

  it('says Choice rules in words, JSONPath and JSONata', () => {
    expect(describeRule({ Variable: '$.n', NumericGreaterThanEquals: 3, Next: 'X' })).toBe(
      '$.n >= 3',
    );
    expect(describeRule({ Variable: '$.a', StringEqualsPath: '$.b', Next: 'X' })).toBe(
      '$.a == $.b',
    );
    expect(
      describeRule({
        And: [
          { Variable: '$.x', IsPresent: true },
          { Not: { Variable: '$.y', BooleanEquals: false } },
        ],
        Next: 'X',
      }),
    ).toBe('$.x is present and not ($.y == false)');
    expect(describeRule({ Condition: '{% $states.input.price > 100 %}', Next: 'X' })).toBe(
      '$states.input.price > 100',
    );
  });

  it('lays a Parallel out with its branches side by side, top to bottom, without overlaps', async () => {
    const laid = await layoutWorkflow(workflowGraph(ORDER_WORKFLOW));
    const at = (id: string) => laid.boxes.find((b) => b.id === id) as PlacedBox;
    const [b1, b2] = [at('Fulfilment#1'), at('Fulfilment#2')];
    expect(b1.y).toBe(b2.y);
    expect(b1.x + b1.width).toBeLessThanOrEqual(b2.x);
    // Top to bottom: each step below the one before it.
    const order = [
      '__start',
      'OrderService',
      'Fulfilment',
      'CustomerNotificationService',
      'Order placed?',
      '__end',
    ];
    for (let i = 1; i < order.length; i++)
      expect(at(order[i]!).y).toBeGreaterThan(at(order[i - 1]!).y);
    // Boxes that share a parent do not overlap.
    for (const a of laid.boxes)
      for (const b of laid.boxes) {
        if (a === b || a.parent !== b.parent) continue;
        const apart =
          a.x + a.width <= b.x ||
          b.x + b.width <= a.x ||
          a.y + a.height <= b.y ||
          b.y + b.height <= a.y;
        expect(apart, `${a.id} and ${b.id}`).toBe(true);
      }
    // Every arrow has a route from ELK, and labelled ones a place for their label.
    const g = workflowGraph(ORDER_WORKFLOW);
    for (const a of g.arrows) {
      const r = laid.routes.get(a.id);
      expect(r?.points.length).toBeGreaterThanOrEqual(2);
      if (a.label) expect(r?.label).toBeDefined();
    }
  }, 30_000);

  it('counts the lines of a name wrapped between words, as the boxes wrap it', () => {
    const lines = (text: string, width: number) => lineCount(text, width, 10, 400, estimateText);
    // 5.8 px a character at 10 px.
    expect(lines('OrderService', 200)).toBe(1);
    expect(lines('Task · Lambda OrderService', 100)).toBe(2);
    expect(lines('CustomerNotificationService', 100)).toBe(3);
    expect(lines('Supercalifragilistic', 60)).toBe(1);
  });

  it('fits a pane: at zoom 1 where it can, else with text scaled up by what the zoom takes', async () => {
    const g = workflowGraph(ORDER_WORKFLOW);
    const wide = await fitWorkflow(g, 900);
    expect(wide).toMatchObject({ zoom: 1, textScale: 1 });
    expect(wide.laid.width).toBeLessThanOrEqual(900);
    const phone = await fitWorkflow(g, 366);
    expect(phone.zoom).toBeLessThan(1);
    expect(phone.laid.width * phone.zoom).toBeLessThanOrEqual(366.5);
    expect(phone.textScale * phone.zoom).toBeGreaterThanOrEqual(0.999);
  }, 60_000);
});
