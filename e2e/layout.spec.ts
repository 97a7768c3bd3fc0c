import { expect, test, type Page } from '@playwright/test';
import { boxes, openApp, readNumber } from './helpers';

type Box = { x: number; y: number; width: number; height: number } | null;

function overlaps(a: Box, b: Box): boolean {
  if (!a || !b) return false;
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('clicking any node leaves the layout alone (main, canvas and charts keep their size)', async ({
  page,
}) => {
  await openApp(page);
  const before = await boxes(page);
  expect(before.main?.height).toBeGreaterThan(800);
  for (const id of ['user', 'api', 'customerDb', 'salesDlq', 'salesDb', 'sales', 'customer']) {
    await page.getByTestId(`node-${id}`).click();
    await expect(page.getByTestId('node-details')).toBeVisible();
    const after = await boxes(page);
    expect(after.main?.height, `main after clicking ${id}`).toBe(before.main?.height);
    expect(after.canvas?.height, `canvas after clicking ${id}`).toBe(before.canvas?.height);
    expect(after.charts?.height, `charts after clicking ${id}`).toBe(before.charts?.height);
  }
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('node-details')).toBeHidden();
  expect((await boxes(page)).main?.height).toBe(before.main?.height);
});

test('at 1440×900 the diagram reads at about life size and the charts get real height', async ({
  page,
}) => {
  await openApp(page);
  const zoom = await page
    .locator('.react-flow__viewport')
    .evaluate((el) => Number(/scale\(([\d.]+)\)/.exec(el.style.transform)?.[1] ?? 0));
  expect(zoom).toBeGreaterThan(0.85);
  expect(zoom).toBeLessThanOrEqual(1);
  const b = await boxes(page);
  expect(b.charts?.height).toBeGreaterThan(280);
  expect(overlaps(b.legend, b.ledger)).toBe(false);
});

test('at 1440×900 a pattern with Workflow tabs also sizes its canvas to its diagram', async ({
  page,
}) => {
  // The tabs load in their own chunk and mount the diagram again: its new element is measured.
  await page.goto('./?pattern=orchestration-step-functions');
  await expect(page.getByRole('tab', { name: 'Workflow' })).toBeVisible();
  await expect(page.getByTestId('node-stateMachine')).toBeVisible();
  const zoom = () =>
    page
      .locator('.react-flow__viewport')
      .evaluate((el) => Number(/scale\(([\d.]+)\)/.exec(el.style.transform)?.[1] ?? 0));
  await expect.poll(zoom).toBeGreaterThan(0.85);
  await expect(page.locator('.react-flow')).toHaveAttribute('data-detail', 'full');
});

async function expectUsable(page: Page): Promise<void> {
  const b = await boxes(page);
  expect(b.scrollWidth, 'no sideways scrolling').toBeLessThanOrEqual(b.innerWidth);
  expect(b.canvas?.height, 'the canvas keeps a usable height').toBeGreaterThanOrEqual(319);
  expect(overlaps(b.legend, b.ledger), 'legend and ledger side by side or stacked').toBe(false);
  expect(overlaps(b.legend, b.playback), 'legend clear of the playback bar').toBe(false);
  expect(overlaps(b.ledger, b.playback), 'ledger clear of the playback bar').toBe(false);
  // Play is on screen and works.
  const playButton = page.getByRole('button', { name: 'Play', exact: true });
  await expect(playButton).toBeInViewport();
  await playButton.click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
}

for (const [width, height] of [
  [1280, 800],
  [1024, 768],
  [800, 600],
  [390, 844],
] as const) {
  test(`usable at ${width}×${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openApp(page);
    await expectUsable(page);
  });
}

test('on a narrow window the side panel is a drawer: a node opens it, ✕ closes it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await openApp(page);
  const panel = page.getByRole('complementary', { name: 'Pattern guide and parameters' });
  await expect(panel).toBeHidden();
  await page.getByRole('button', { name: 'Guide' }).click();
  await expect(panel).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Guide' })).toBeVisible();
  await page.getByRole('button', { name: 'Close the panel' }).click();
  await expect(panel).toBeHidden();

  await page.getByTestId('node-sales').click();
  await expect(page.getByRole('region', { name: /Lambda "Sales" details/ })).toBeVisible();
  await page.getByRole('button', { name: 'Close the panel' }).click();
  await expect(panel).toBeHidden();
});

test('the playback bar keeps its height when the "can’t keep up" note appears', async ({
  page,
}) => {
  await openApp(page, '?pattern=message-decoupling-sqs&paymentRate=5000');
  const bar = page.getByRole('toolbar', { name: 'Playback' });
  const before = await bar.boundingBox();
  const canvasBefore = (await boxes(page)).canvas;
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('1000');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByText(/Simulation can.t keep up/)).toBeVisible({ timeout: 20_000 });
  expect((await bar.boundingBox())?.height).toBe(before?.height);
  expect((await boxes(page)).canvas?.y).toBe(canvasBefore?.y);
});

test('the embed at 400×300 keeps its toolbar on one line', async ({ page }) => {
  await page.setViewportSize({ width: 400, height: 300 });
  await page.goto('./embed.html?pattern=message-decoupling-sqs');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Speed' })).toBeHidden();
  const clock = await page.getByLabel('Simulated time').boundingBox();
  expect(clock?.height).toBeLessThan(26);
  await expect(page.getByRole('link', { name: 'Open in the simulator' })).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
});

test('node cards keep their size as their numbers grow', async ({ page }) => {
  await openApp(page, '?pattern=message-decoupling-sqs&paymentRate=300&salesErrorRate=20');
  const sizes = () =>
    page
      .locator('.node-card')
      .evaluateAll((cards) =>
        cards.map((c) => `${c.getAttribute('data-testid')} ${c.clientWidth}×${c.clientHeight}`),
      );
  const before = await sizes();
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('1000');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect
    .poll(() => readNumber(page.getByTestId('user-sent')), { timeout: 20_000 })
    .toBeGreaterThan(100_000);
  await expect
    .poll(() => readNumber(page.getByTestId('salesDlq-visible')), { timeout: 20_000 })
    .toBeGreaterThan(10);
  expect(await sizes()).toEqual(before);
});
