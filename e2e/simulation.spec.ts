import { expect, test } from '@playwright/test';
import { openApp, openParameters, play, readNumber, setParam, setSpeed } from './helpers';

test('choose the pattern, press play, and see messages move', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Pattern' }).selectOption('message-decoupling-sqs');
  await expect(page.getByText('Lambda "Customer"')).toBeVisible();
  await expect(page.getByText('SQS "Sales"', { exact: true })).toBeVisible();

  const dots = page.getByTestId('dot-layer');
  await expect(dots).toHaveAttribute('data-hops', '0');
  await play(page);
  await expect.poll(async () => Number(await dots.getAttribute('data-dots'))).toBeGreaterThan(0);
  await expect.poll(async () => Number(await dots.getAttribute('data-hops'))).toBeGreaterThan(20);
  await expect.poll(() => readNumber(page.getByTestId('user-sent'))).toBeGreaterThan(5);
  await expect(page.getByTestId('sample-note')).toHaveText(/1 dot = \d+ msg/);

  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByText('Paused', { exact: true })).toBeVisible();
});

test('a payment rate above Sales capacity grows the backlog', async ({ page }) => {
  await openApp(page);
  await openParameters(page);
  const rate = page.getByRole('slider', { name: /payment rate/i });
  await expect(rate).toHaveAccessibleName('Payment rate (msg/s)');
  await setParam(page, 'Payment rate (msg/s)', '40');
  await expect(rate).toHaveAttribute('aria-valuetext', '40 msg/s');
  await expect(page).toHaveURL(/paymentRate=40/);

  await setSpeed(page, '100');
  await play(page);
  const backlog = page.getByTestId('salesQueue-visible');
  await expect.poll(() => readNumber(backlog), { timeout: 20_000 }).toBeGreaterThan(300);
  const first = await readNumber(backlog);
  await expect.poll(() => readNumber(backlog), { timeout: 20_000 }).toBeGreaterThan(first + 200);
  // The oldest message keeps getting older, but the user is still answered without errors.
  await expect.poll(() => readNumber(page.getByTestId('salesQueue-oldestAgeS'))).toBeGreaterThan(5);
  expect(await readNumber(page.getByTestId('user-errors'))).toBe(0);
  expect(await readNumber(page.getByTestId('user-throttled'))).toBe(0);
});

test('the backlog drains when the rate drops, without restarting the run', async ({ page }) => {
  await openApp(page, '?pattern=message-decoupling-sqs&paymentRate=40');
  await setSpeed(page, '100');
  await play(page);
  const backlog = page.getByTestId('salesQueue-visible');
  await expect.poll(() => readNumber(backlog), { timeout: 20_000 }).toBeGreaterThan(800);
  const clock = page.getByTestId('sim-time');
  const seconds = async () => {
    const [m, s] = ((await clock.textContent()) ?? '0:0').split(':').map(Number);
    return (m ?? 0) * 60 + (s ?? 0);
  };
  const before = await seconds();
  await openParameters(page);
  await setParam(page, 'Payment rate (msg/s)', '2');
  await expect(page).toHaveURL(/paymentRate=2\b/);
  // Same run: the clock did not go back to zero, and the queue empties.
  expect(await seconds()).toBeGreaterThanOrEqual(before);
  await setSpeed(page, '1000');
  await expect.poll(() => readNumber(backlog), { timeout: 30_000 }).toBeLessThan(20);
});

test('a failing Sales function sends messages to the DLQ', async ({ page }) => {
  await openApp(page);
  await openParameters(page);
  const errorRate = page.getByRole('slider', { name: /sales error rate/i });
  await errorRate.focus();
  await errorRate.press('ArrowRight');
  await expect(errorRate).toHaveAttribute('aria-valuetext', '1%');
  await setParam(page, 'Sales error rate (%)', '30');
  await expect(errorRate).toHaveValue('30');

  await setSpeed(page, '1000');
  await play(page);
  await expect
    .poll(() => readNumber(page.getByTestId('salesDlq-visible')), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await expect.poll(() => readNumber(page.getByTestId('sales-errors'))).toBeGreaterThan(0);
  await expect(page.getByTestId('ledger')).toContainText('dead-lettered');
});

test('without the queue the caller sees Sales latency and errors', async ({ page }) => {
  await openApp(page, '?pattern=message-decoupling-sqs&paymentRate=40');
  await setSpeed(page, '100');
  await play(page);
  const p95 = page.getByTestId('chart-latency').locator('[data-series="1"]');
  await expect
    .poll(() => readNumber(page.getByTestId('user-sent')), { timeout: 20_000 })
    .toBeGreaterThan(2000);
  const withQueueP95 = await readNumber(p95);
  expect(withQueueP95).toBeGreaterThan(0);
  expect(await readNumber(page.getByTestId('user-throttled'))).toBe(0);

  await openParameters(page);
  const toggle = page.getByRole('switch', { name: 'Without the queue' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  await expect(page).toHaveURL(/withoutQueue=true/);
  // The queue and its DLQ are gone from the diagram; Sales is invoked directly.
  await expect(page.getByTestId('node-salesQueue')).toBeHidden();
  await expect(page.getByText('Invoke and wait')).toBeVisible();
  // Still playing after the restart: the caller is now throttled and waits for Sales.
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect
    .poll(
      async () =>
        (await readNumber(page.getByTestId('user-throttled'))) +
        (await readNumber(page.getByTestId('user-errors'))),
      {
        timeout: 20_000,
      },
    )
    .toBeGreaterThan(0);
  await expect.poll(() => readNumber(p95), { timeout: 20_000 }).toBeGreaterThan(withQueueP95 * 1.3);
});

test('clicking a node opens its details with live numbers and parameters', async ({ page }) => {
  await openApp(page);
  await setSpeed(page, '10');
  await play(page);
  await page.getByTestId('node-sales').click();
  const details = page.getByRole('region', { name: /Lambda "Sales" details/ });
  await expect(details).toBeVisible();
  await expect(details.getByRole('term').filter({ hasText: /^invocations$/ })).toBeVisible();
  await expect(details.getByRole('slider', { name: /sales concurrency/i })).toBeVisible();
  await expect
    .poll(() => readNumber(details.locator('dd').first()), { timeout: 10_000 })
    .toBeGreaterThanOrEqual(0);
  // Changing a parameter from the details panel works like anywhere else.
  await setParam(page, 'Sales concurrency (invocations)', '10');
  await expect(page).toHaveURL(/salesConcurrency=10/);
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
});

test('keyboard shortcuts: Space, step and reset', async ({ page }) => {
  await openApp(page);
  await expect(page.getByText('Space', { exact: true })).toBeVisible();
  await page.locator('body').press('Space');
  await expect(page.getByText('Running', { exact: true })).toBeVisible();
  await page.locator('body').press('Space');
  await expect(page.getByText('Paused', { exact: true })).toBeVisible();
  const clock = page.getByLabel('Simulated time');
  const before = await clock.textContent();
  for (let i = 0; i < 40; i++) await page.keyboard.press('.');
  await expect(clock).not.toHaveText(before ?? '');
  await page.keyboard.press('r');
  await expect(clock).toContainText('0:00.0');
  await expect(page.getByText('Ready', { exact: true })).toBeVisible();
});

test('says so when the simulation cannot keep up', async ({ page }) => {
  await openApp(page, '?pattern=message-decoupling-sqs&paymentRate=5000');
  await setSpeed(page, '1000');
  await play(page);
  await expect(
    page.getByText(/Simulation can.t keep up: running at [\d.,]+× instead of 1,000×/),
  ).toBeVisible({ timeout: 20_000 });
  // The page stays responsive: pausing works at once.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByText('Paused', { exact: true })).toBeVisible();
});

test('with reduced motion the canvas shows counts instead of moving dots', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openApp(page);
  await play(page);
  const layer = page.getByTestId('dot-layer');
  await expect(layer).toHaveAttribute('data-mode', 'counts');
  await expect(page.getByTestId('sample-note')).toHaveText(/reduced motion/i);
  await expect.poll(async () => Number(await layer.getAttribute('data-hops'))).toBeGreaterThan(0);
  expect(Number(await layer.getAttribute('data-dots'))).toBe(0);
});
