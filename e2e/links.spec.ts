import { expect, test } from '@playwright/test';
import { openApp, openParameters, play } from './helpers';

test('an unknown pattern gets a clear, dismissible message and the app keeps working', async ({
  page,
}) => {
  await page.goto('./?pattern=nope');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Unknown pattern "nope"');
  await expect(alert).toContainText('Message decoupling with SQS');
  await play(page);
  await expect
    .poll(async () => Number(await page.getByTestId('dot-layer').getAttribute('data-hops')))
    .toBeGreaterThan(0);
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('bad parameter values are named and replaced by defaults', async ({ page }) => {
  await page.goto(
    './?pattern=message-decoupling-sqs&paymentRate=abc&salesErrorRate=250&bogus=1&seed=x',
  );
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('paymentRate must be a number, got "abc"');
  await expect(alert).toContainText('Using the default, 10 msg/s');
  await expect(alert).toContainText('salesErrorRate=250 is out of range');
  await expect(alert).toContainText('Unknown parameter "bogus"');
  await expect(alert).toContainText('seed must be a whole number');
  await openParameters(page);
  await expect(
    page.getByRole('spinbutton', { name: 'Payment rate (msg/s), exact value' }),
  ).toHaveValue('10');
  await expect(page.getByRole('slider', { name: /sales error rate/i })).toHaveValue('0');
  // The address is cleaned up to what actually runs.
  await expect(page).toHaveURL(/\?pattern=message-decoupling-sqs&seed=1$/);
});

test('a shared address restores pattern, parameters and seed', async ({ page }) => {
  await openApp(page, '?pattern=message-decoupling-sqs&paymentRate=40&withoutQueue=true&seed=7');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Seed' })).toHaveValue('7');
  await openParameters(page);
  await expect(
    page.getByRole('spinbutton', { name: 'Payment rate (msg/s), exact value' }),
  ).toHaveValue('40');
  await expect(page.getByRole('switch', { name: 'Without the queue' })).toHaveAttribute(
    'aria-checked',
    'true',
  );

  // Changing the seed and a parameter rewrites the address (only non-default parameters).
  const seed = page.getByRole('textbox', { name: 'Seed' });
  await seed.fill('42');
  await seed.press('Enter');
  await page.getByRole('switch', { name: 'Without the queue' }).click();
  await expect(page).toHaveURL(/\?pattern=message-decoupling-sqs&paymentRate=40&seed=42$/);
});

test('share link and embed snippet', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page, '?pattern=message-decoupling-sqs&paymentRate=30');
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page.getByRole('button', { name: 'Link copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(
    'pattern=message-decoupling-sqs&paymentRate=30',
  );

  await page.getByRole('button', { name: 'Embed' }).click();
  const snippet = page.getByRole('textbox', { name: 'Embed snippet' });
  await expect(snippet).toHaveValue(
    /<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\.html\?pattern=message-decoupling-sqs&paymentRate=30&seed=1"/,
  );
});

test('the embed page plays the diagram with minimal controls', async ({ page }) => {
  await page.goto('./embed.html?pattern=message-decoupling-sqs&paymentRate=30');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Speed' })).toBeVisible();
  await expect(page.getByRole('button', { name: /step/i })).toHaveCount(0);
  await expect
    .poll(async () => Number(await page.getByTestId('dot-layer').getAttribute('data-dots')))
    .toBeGreaterThan(0);
  const link = page.getByRole('link', { name: /open in the simulator/i });
  await expect(link).toHaveAttribute(
    'href',
    /index\.html\?pattern=message-decoupling-sqs&paymentRate=30/,
  );
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
});

test('theme toggle and the dots benchmark page', async ({ page }) => {
  await openApp(page);
  const toDark = page.getByRole('button', { name: 'Switch to dark theme' });
  await toDark.click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(page.locator('html')).not.toHaveClass(/dark/);

  await page.goto('./?bench=dots&n=1000');
  await expect
    .poll(() => page.evaluate(() => window.__fps ?? 0), { timeout: 10_000 })
    .toBeGreaterThan(5);
  await expect.poll(() => page.evaluate(() => window.__dotsDrawn ?? 0)).toBeGreaterThan(900);
});

test('a typed value out of range is clamped and says so', async ({ page }) => {
  await page.goto('./?pattern=message-decoupling-sqs');
  await page.getByRole('tab', { name: 'Parameters' }).click();
  const box = page.getByRole('spinbutton', { name: 'Payment rate (msg/s), exact value' });
  await box.fill('99999');
  await box.press('Enter');
  await expect(box).toHaveValue('5000');
  await expect(page.getByRole('status').filter({ hasText: 'must be between' })).toContainText(
    'Payment rate must be between 0 msg/s and 5,000 msg/s',
  );
  await expect(page).toHaveURL(/paymentRate=5000/);
});
