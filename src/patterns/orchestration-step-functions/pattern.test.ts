import { describe, expect, it } from 'vitest';
import { stateMachineNode, type ExecutionStep } from '../../kit/kinds/stepFunctions';
import { createRun, resolveParams } from '../index';
import { orchestrationStepFunctions as pattern } from './index';

const run = (set: Record<string, string>, seconds: number, seed = 1) => {
  const { values, errors } = resolveParams(pattern, set);
  expect(errors).toEqual([]);
  const r = createRun(pattern, values, { seed });
  r.advanceTo(seconds * 1000);
  const machine = stateMachineNode(r.world, 'stateMachine');
  if (!machine) throw new Error('no state machine');
  return { r, machine };
};

/** When each state of one execution was entered and left, from its steps. */
function spans(steps: readonly ExecutionStep[]): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const s of steps) {
    if (s.type === 'entered') out[s.state] = [s.t, NaN];
    if ((s.type === 'exited' || s.type === 'failed') && out[s.state]) out[s.state]![1] = s.t;
  }
  return out;
}

describe("orchestration-step-functions: the seed's points", () => {
  it('runs the seed’s workflow: order, then inventory alongside invoice → logistics, then the notification', () => {
    const { r, machine } = run(
      {
        orderErrorRate: '0',
        inventoryErrorRate: '0',
        invoiceErrorRate: '0',
        logisticsErrorRate: '0',
        notificationErrorRate: '0',
      },
      30,
    );
    const done = machine.recentExecutions().find((e) => e.status === 'SUCCEEDED');
    expect(done).toBeDefined();
    const t = spans(done!.steps);
    const order = t.OrderService!;
    const inventory = t.InventoryService!;
    const invoice = t.InvoiceService!;
    const logistics = t.LogisticService!;
    const notify = t.CustomerNotificationService!;
    expect(order[1]).toBeLessThanOrEqual(inventory[0]);
    // The two branches run at the same time; within the second, invoice comes before shipping.
    expect(inventory[0]).toBe(invoice[0]);
    expect(invoice[1]).toBeLessThanOrEqual(logistics[0]);
    expect(Math.max(inventory[1], logistics[1])).toBeLessThanOrEqual(notify[0]);
    // The output carries each service's result, put there by the workflow, not by the services.
    expect(done!.output).toMatchObject({
      customer: 'customer-42',
      order: { orderId: done!.name, status: 'PLACED' },
      fulfilment: {
        inventory: { reservation: `res-${done!.name}` },
        invoice: { invoiceId: `inv-${done!.name}`, amount: 25 },
        shipment: { trackingId: `trk-${done!.name}` },
      },
      notification: { to: 'customer-42', channel: 'email' },
    });
    expect(r.summary().ledger.dropped).toEqual({});
  });

  it('a failing InvoiceService is retried, then caught: the customer is told and the order fails', () => {
    const { r, machine } = run({ invoiceErrorRate: '100' }, 60);
    r.built.stopTraffic();
    r.advanceTo(80_000); // every execution started has ended
    const s = r.summary();
    expect(s.ledger.inSystem).toBe(0);
    const st = machine.stateStats();
    // Each visit: the first attempt and two retries (1 s, then 2 s), then the Parallel catches it.
    expect(st.InvoiceService!.retries).toBe(2 * st.InvoiceService!.failed);
    expect(st.Fulfilment!.caught).toBe(st.InvoiceService!.failed);
    expect(st.LogisticService!.entered).toBe(0);
    expect(st['Order failed']!.entered).toBe(st.Fulfilment!.caught);
    expect(s.nodes.stateMachine?.succeeded).toBe(0);
    expect(s.nodes.stateMachine?.failed).toBeGreaterThan(250);
    expect(s.ledger.completed).toBe(0);
    expect(s.ledger.dropped.error).toBe(s.nodes.stateMachine?.failed);
    // Followed closely: Retry then Catch, in that order, on one execution.
    const failed = machine.recentExecutions().find((e) => e.status === 'FAILED')!;
    const kinds = failed.steps
      .filter((x) => x.type === 'retry' || x.type === 'caught')
      .map((x) => `${x.type} ${x.state}`);
    expect(kinds).toEqual(['retry InvoiceService', 'retry InvoiceService', 'caught Fulfilment']);
    expect(failed.error).toBe('OrderFailed');
    // The time in the state includes the back-offs (1 s + 2 s).
    expect(st.InvoiceService!.meanMs).toBeGreaterThan(3000);
  }, 60_000);

  it('an order OrderService cannot place skips fulfilment: the second arrow of the diagram', () => {
    const { r, machine } = run({ orderErrorRate: '100' }, 30);
    const s = r.summary();
    expect(s.nodes.inventory?.invocations).toBe(0);
    expect(s.nodes.invoice?.invocations).toBe(0);
    expect(s.nodes.notification?.invocations).toBeGreaterThan(100);
    const st = machine.stateStats();
    expect(st.OrderService!.caught).toBe(st.CustomerNotificationService!.entered);
    expect(st.Fulfilment!.entered).toBe(0);
  }, 60_000);

  it('more executions than a service can take: throttles, back-offs, and executions waiting in that state', () => {
    const { r, machine } = run({ executionRate: '150', logisticsConcurrency: '10' }, 30);
    const s = r.summary();
    expect(s.nodes.logistics?.throttles).toBeGreaterThan(100);
    const st = machine.stateStats();
    expect(st.LogisticService!.retrying).toBeGreaterThan(0);
    expect(st.LogisticService!.inState).toBeGreaterThan(st.InventoryService!.inState);
    // At most 10 run at once; the others wait out back-offs (a few calls are on their way).
    expect(st.LogisticService!.retrying).toBeGreaterThan(st.LogisticService!.waiting);
    // The back-offs absorb part of the overload (executions succeed, later); when a Task's three
    // retries of the throttle run out, the order is caught and fails.
    expect(s.nodes.stateMachine?.succeeded).toBeGreaterThan(500);
    const retried = machine
      .recentExecutions()
      .flatMap((e) => e.steps)
      .filter((x) => x.type === 'retry');
    expect(
      retried.some((x) => x.type === 'retry' && x.error === 'Lambda.TooManyRequestsException'),
    ).toBe(true);
  }, 60_000);

  it('Standard is billed per state transition, Express per request and duration; Express keeps no history', () => {
    const standard = run({}, 30);
    const st = standard.r.summary();
    const express = run({ express: 'true' }, 30);
    const ex = express.r.summary();
    const items = (c: typeof st.cost) =>
      c.items.filter((i) => i.node === 'stateMachine').map((i) => i.price);
    expect(items(st.cost)).toEqual(['stepFunctionsStandardTransitions']);
    expect(items(ex.cost)).toEqual([
      'stepFunctionsExpressRequests',
      'stepFunctionsExpressDuration',
    ]);
    const stm = st.nodes.stateMachine!;
    expect(stm.stateTransitions).toBe((stm.transitions ?? 0) + (stm.retries ?? 0));
    const last = (m: typeof standard.machine) => m.recentExecutions().at(-1)!;
    expect(last(standard.machine).history?.length).toBeGreaterThan(0);
    expect(last(express.machine).history).toBeUndefined();
    expect(last(express.machine).steps.length).toBeGreaterThan(0);
  }, 60_000);
});
