import { expect, test, type Page } from '@playwright/test';
import {
  compareTable,
  createSideRun,
  defaultParams,
  findPattern,
  type CompareRow,
  type Pattern,
} from '../src/patterns';
import { formatFigure } from '../src/ui/compare/formatFigure';
import { registerAllKinds } from '../src/kit/kinds/all';

// The Node side of these tests builds runs of every pattern: all the service kinds, at once.
registerAllKinds();

function pattern(id: string): Pattern {
  const p = findPattern(id);
  if (!p) throw new Error(id);
  return p;
}

/** The comparison Node computes for both sides of an offer at exactly `timeMs`. */
function nodeTable(
  offerPattern: string,
  offerId: string,
  seed: number,
  timeMs: number,
): CompareRow[] {
  const offer = pattern(offerPattern).comparisons?.find((c) => c.id === offerId);
  if (!offer) throw new Error(offerId);
  const sides = [offer.a, offer.b].map((ref) => {
    const p = pattern(ref.pattern);
    const run = createSideRun(
      { pattern: p, params: { ...defaultParams(p), ...ref.params } },
      { seed },
    );
    run.advanceTo(timeMs);
    return { summary: run.summary(), pattern: p };
  });
  return compareTable(sides[0] as (typeof sides)[0], sides[1] as (typeof sides)[0]);
}

/** Plays both sides until each has answered requests, pauses, and returns the exact time. */
async function playAndPause(page: Page): Promise<number> {
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('5');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  const throughput = page.locator('tr[data-figure="throughputPerS"]');
  await expect(throughput.locator('td[data-side="a"]')).not.toHaveText('0/s', { timeout: 30_000 });
  await expect(throughput.locator('td[data-side="b"]')).not.toHaveText('0/s');
  await page.waitForTimeout(1500);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const section = page.locator('.compare-table-wrap');
  const a = Number(await section.getAttribute('data-time-a'));
  const b = Number(await section.getAttribute('data-time-b'));
  expect(a).toBeGreaterThan(0);
  // Paused, both sides stand at the same simulated time.
  expect(b).toBe(a);
  return a;
}

/** Every cell of the table equals what Node computes for the same seed and time. */
async function expectTableEqualsNode(page: Page, rows: CompareRow[]): Promise<void> {
  const table = page.getByRole('table', { name: 'Comparison' });
  for (const row of rows) {
    const tr = table.locator(`tr[data-figure="${row.id}"]`);
    await expect(tr.locator('td[data-side="a"]')).toHaveText(formatFigure(row.a, row.unit));
    await expect(tr.locator('td[data-side="b"]')).toHaveText(formatFigure(row.b, row.unit));
  }
}

test('single vs multiple gateways: one click from the pattern, both sides read, the URL reproduces it', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await page.goto('./?pattern=api-gateway-single&seed=3');
  await page.getByRole('link', { name: 'Single vs multiple gateways' }).click();
  await expect(page).toHaveURL(/\?compare=api-gateway-single&vs=api-gateway-multiple&.*seed=3$/);
  await expect(page.getByRole('region', { name: 'Side A: One gateway' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Side B: One gateway per service' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  // Both diagrams are drawn, next to each other on a wide window.
  const sideA = page.getByRole('region', { name: /^Side A/ });
  const sideB = page.getByRole('region', { name: /^Side B/ });
  await expect(sideA.getByTestId('node-gateway')).toBeVisible();
  await expect(sideB.getByTestId('node-salesApi')).toBeVisible();
  await expect(sideA.getByTestId('node-salesApi')).toHaveCount(0);
  const [boxA, boxB] = [await sideA.boundingBox(), await sideB.boundingBox()];
  expect(boxB?.x).toBeGreaterThan((boxA?.x ?? 0) + (boxA?.width ?? 0) - 2);

  const time = await playAndPause(page);
  const rows = nodeTable('api-gateway-single', 'single-vs-multiple-gateways', 3, time);
  await expectTableEqualsNode(page, rows);
  // The noisy /sales is throttled on both sides, route by route.
  expect(rows.find((r) => r.id === 'throttles')?.a).toBeGreaterThan(0);
  expect(rows.find((r) => r.id === 'throttles')?.b).toBeGreaterThan(0);
  // The charts overlay both sides, and their legends say which series is whose.
  const chart = page.getByTestId('compare-chart-latency');
  await expect(chart).toContainText('A p95');
  await expect(chart).toContainText('B p95');

  // The address reproduces the comparison: same sides, same numbers at the same time.
  const again = await context.newPage();
  await again.goto(page.url());
  await expect(again.getByRole('region', { name: 'Side A: One gateway' })).toBeVisible();
  await expect(
    again.getByRole('region', { name: 'Side B: One gateway per service' }),
  ).toBeVisible();
  const time2 = await playAndPause(again);
  await expectTableEqualsNode(
    again,
    nodeTable('api-gateway-single', 'single-vs-multiple-gateways', 3, time2),
  );
});

test('with vs without the queue, from the pattern, stacked on a narrow window', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 820, height: 900 });
  await page.goto('./?pattern=message-decoupling-sqs');
  await page.getByRole('button', { name: 'Guide' }).click();
  await page.getByRole('link', { name: 'With vs without the queue' }).click();
  await expect(page).toHaveURL(/\?compare=message-decoupling-sqs&vs=message-decoupling-sqs&/);
  const sideA = page.getByRole('region', { name: 'Side A: With the queue' });
  const sideB = page.getByRole('region', { name: 'Side B: Without the queue' });
  await expect(sideA.getByTestId('node-salesQueue')).toBeVisible();
  await expect(sideB.getByTestId('node-salesQueue')).toHaveCount(0);
  const [boxA, boxB] = [await sideA.boundingBox(), await sideB.boundingBox()];
  expect(boxB?.y).toBeGreaterThanOrEqual((boxA?.y ?? 0) + (boxA?.height ?? 0) - 2);
  const time = await playAndPause(page);
  await expectTableEqualsNode(
    page,
    nodeTable('message-decoupling-sqs', 'with-vs-without-queue', 1, time),
  );
});

test('a bad compare address is named and the view keeps working', async ({ page }) => {
  await page.goto('./?compare=message-bus&vs=nope&b.bogus=1&seed=2');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('B: Unknown pattern "nope"');
  await expect(page.getByRole('table', { name: 'Comparison' })).toBeVisible();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
});

test("a side's own settings: both start again from t = 0, the labels and the address follow", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('./?compare=message-decoupling-sqs&vs=message-decoupling-sqs&seed=4');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const time = page.locator('.compare-table-wrap');
  await expect.poll(async () => Number(await time.getAttribute('data-time-a'))).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Change B’s settings' }).click();
  const panel = page.getByRole('region', { name: "Side B's settings" });
  await expect(panel).toBeVisible();
  const box = panel.getByRole('spinbutton', { name: 'Payment rate (msg/s), exact value' });
  await box.fill('40');
  await box.press('Enter');
  await expect(page).toHaveURL(/b\.paymentRate=40/);
  await expect(page.getByRole('region', { name: /^Side B: Payment rate: 40/ })).toBeVisible();
  // Side A keeps its settings; both sides run on together from the restart.
  await expect(page.getByRole('region', { name: /^Side A: Payment rate: 10/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const [a, b] = [
    Number(await time.getAttribute('data-time-a')),
    Number(await time.getAttribute('data-time-b')),
  ];
  expect(b).toBe(a);
});
