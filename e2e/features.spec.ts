import { expect, test } from '@playwright/test';
import { openApp, openParameters, play, readNumber, setSpeed } from './helpers';

test('stepping shows the clock to the millisecond and names the event', async ({ page }) => {
  await openApp(page);
  const clock = page.getByTestId('sim-time');
  await expect(clock).toHaveText('0:00.000');
  const step = page.getByRole('button', { name: 'Step to the next event' });
  for (let i = 0; i < 6; i++) await step.click();
  await expect(clock).toHaveText(/^0:\d\d\.\d{3}$/);
  const note = page.getByTestId('step-note');
  // Each step stops at an event a person can see and says it in a sentence.
  await expect(note).toHaveText(/payment #\d+|Payment #\d+/);
  await expect(note).toHaveAttribute('title', /event \d+/);
  // While playing the clock goes back to tenths and the step line goes away.
  await play(page);
  await expect(clock).toHaveText(/^\d+:\d\d\.\d$/);
  await expect(note).toBeHidden();
});

test('the charts show the whole run, however long', async ({ page }) => {
  await openApp(page);
  await setSpeed(page, '1000');
  await play(page);
  const clock = page.getByTestId('sim-time');
  // Over ten simulated minutes: the old window showed only the last five.
  await expect
    .poll(
      async () =>
        ((await clock.textContent()) ?? '').split(':').length === 3 ||
        (await readNumber(clock)) >= 12,
      {
        timeout: 20_000,
      },
    )
    .toBe(true);
  const range = await page
    .getByTestId('chart-backlog')
    .locator('.chart-plot')
    .getAttribute('data-x-range');
  const [min, max] = (range ?? '').split('-').map(Number);
  expect(min).toBe(0);
  expect(max).toBeGreaterThan(700);
});

test('queue-only charts and parameters step aside without the queue', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('chart-backlog')).toBeVisible();
  await openParameters(page);
  const batch = page.getByRole('slider', { name: /batch size/i });
  await expect(batch).toBeEnabled();
  await page.getByRole('switch', { name: 'Without the queue' }).click();
  await expect(page.getByTestId('chart-backlog')).toBeHidden();
  await expect(page.getByTestId('chart-dlq')).toBeHidden();
  await expect(page.getByTestId('chart-throughput')).toBeVisible();
  await expect(batch).toBeDisabled();
  await expect(page.getByText('Not used while “Without the queue” is on.').first()).toBeVisible();
  await page.getByRole('switch', { name: 'Without the queue' }).click();
  await expect(batch).toBeEnabled();
  await expect(page.getByTestId('chart-backlog')).toBeVisible();
});

test('guide steps that rewire the diagram say they restart the run', async ({ page }) => {
  await openApp(page);
  const steps = page
    .getByRole('list')
    .filter({ hasText: 'Without the queue' })
    .getByRole('listitem');
  const withoutQueue = steps.filter({ hasText: 'Without the queue = on' });
  await expect(withoutQueue.getByText('restarts at t = 0')).toBeVisible();
  const rateStep = steps.filter({ hasText: 'Payment rate = 40 msg/s' }).first();
  await expect(rateStep.getByText('restarts at t = 0')).toHaveCount(0);
  await withoutQueue.getByRole('button').click();
  // Now the queue is off: that step changes nothing structural any more, the way back does.
  await expect(withoutQueue.getByText('restarts at t = 0')).toHaveCount(0);
  await expect(
    steps.filter({ hasText: 'Without the queue = off' }).getByText('restarts at t = 0'),
  ).toBeVisible();
});

test('a bad seed is named and reverted; a new seed keeps playing from t = 0', async ({ page }) => {
  await openApp(page);
  const seed = page.getByRole('textbox', { name: 'Seed' });
  for (const bad of ['-3', '1.5', 'text']) {
    await seed.fill(bad);
    await seed.press('Enter');
    await expect(
      page.getByRole('status').filter({ hasText: 'The seed must be a whole number' }),
    ).toContainText(`“${bad}” was ignored, seed 1 kept`);
    await expect(seed).toHaveValue('1');
  }
  await setSpeed(page, '100');
  await play(page);
  await expect.poll(() => readNumber(page.getByTestId('user-sent'))).toBeGreaterThan(100);
  await seed.fill('7');
  await seed.press('Enter');
  await expect(page).toHaveURL(/seed=7/);
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(page.locator('.status-pill')).toHaveText('Running');
  await expect.poll(() => readNumber(page.getByTestId('user-sent'))).toBeGreaterThan(0);
});

test('Sales shows its throughput against its capacity', async ({ page }) => {
  await openApp(page, '?pattern=message-decoupling-sqs&paymentRate=40');
  await setSpeed(page, '50');
  await play(page);
  const card = page.getByTestId('sales-outPerS');
  await expect(card).toHaveText(/≈\d+(\.\d)? of \d+(\.\d)?\/s/, { timeout: 20_000 });
  await expect.poll(() => readNumber(card), { timeout: 20_000 }).toBeGreaterThan(10);
  await page.getByTestId('node-sales').click();
  await expect(page.getByTestId('details-throughput')).toHaveText(
    /Processing ≈[\d.]+\/s of ≈[\d.]+\/s capacity/,
  );
});

test('switching pattern draws the new one from scratch, even where node ids repeat', async ({
  page,
}) => {
  // Both patterns have a node "bus": an EventBridge bus in one, the SNS topic in the other.
  await page.goto('./?pattern=pubsub-eventbridge');
  await expect(page.getByTestId('node-bus')).toContainText('EventBridge');
  await page.getByRole('combobox', { name: 'Pattern' }).selectOption('message-bus');
  await expect(page.getByTestId('node-bus')).toContainText('SNS topic');
  await expect(page.getByTestId('node-bus')).not.toContainText('EventBridge');
  // Each card sits where the new pattern puts it: no two cards overlap.
  const boxes = await page
    .locator('.react-flow__node')
    .evaluateAll((els) =>
      els.map((el) => el.getBoundingClientRect()).map((r) => [r.x, r.y, r.width, r.height]),
    );
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [ax, ay, aw, ah] = boxes[i] as number[];
      const [bx, by, bw, bh] = boxes[j] as number[];
      const overlap =
        (ax as number) < (bx as number) + (bw as number) - 1 &&
        (bx as number) < (ax as number) + (aw as number) - 1 &&
        (ay as number) < (by as number) + (bh as number) - 1 &&
        (by as number) < (ay as number) + (ah as number) - 1;
      expect(overlap, `cards ${i} and ${j} overlap`).toBe(false);
    }
});
