import { expect, test } from '@playwright/test';
import { createRun, findPattern, resolveParams } from '../src/patterns';

// The same pattern, parameters and seed must give the same run in the browser as in Node.
test('a run in the browser is identical to the same run in Node', async ({ page }) => {
  const params = { paymentRate: '35', salesErrorRate: '15', arrivalPattern: 'bursts' };
  const pattern = findPattern('message-decoupling-sqs');
  if (!pattern) throw new Error('pattern missing');
  const run = createRun(pattern, resolveParams(pattern, params).values, { seed: 1234 });
  run.advanceTo(600_000);
  const node = { summary: run.summary(), fingerprint: run.world.sim.fingerprint() };

  await page.goto('./?pattern=message-decoupling-sqs');
  const browser = await page.evaluate(
    ([p, seed, seconds]) => window.__headlessRun?.('message-decoupling-sqs', p, seed, seconds),
    [params, 1234, 600] as const,
  );
  expect(browser?.fingerprint).toBe(node.fingerprint);
  expect(browser?.summary).toEqual(node.summary);
  expect(node.summary.ledger.deadLettered).toBeGreaterThan(0);
});
