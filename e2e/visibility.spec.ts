import { expect, test, type Page } from '@playwright/test';
import {
  openApp,
  play,
  readNumber,
  setParam,
  setSpeed,
  openParameters,
  smallestDiagramText,
} from './helpers';

const PATTERNS = [
  'message-decoupling-sqs',
  'pubsub-sns',
  'pubsub-eventbridge',
  'api-gateway-single',
  'api-gateway-multiple',
  'orchestration-step-functions',
  'message-bus',
];

for (const [width, height, page_] of [
  [1440, 900, 'index.html'],
  [1280, 720, 'index.html'],
  [600, 400, 'embed.html'],
] as const) {
  test(`no diagram text under 11 px at ${width}×${height} (${page_}), every pattern`, async ({
    page,
  }) => {
    test.setTimeout(150_000);
    await page.setViewportSize({ width, height });
    for (const id of PATTERNS) {
      await page.goto(`./${page_}?pattern=${id}`);
      await expect(page.locator('.react-flow__node').first()).toBeVisible();
      // Let the fit and the text scale settle (cards are measured, then fitted).
      await expect
        .poll(async () => (await smallestDiagramText(page)).px, { timeout: 15_000 })
        .toBeGreaterThanOrEqual(10.95);
      const smallest = await smallestDiagramText(page);
      expect(
        smallest.px,
        `${id}: "${smallest.text}" at zoom ${smallest.zoom}`,
      ).toBeGreaterThanOrEqual(10.95);
    }
  });
}

/**
 * Every card name as drawn: the pieces it is made of (each an unbreakable box), whether a piece is
 * cut short, whether it stays inside its card, and the title the name then carries.
 */
async function cardNames(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.node-card .card-name'))
      .filter((name) => name.checkVisibility())
      .map((name) => {
        const card = name.closest('.node-card')!.getBoundingClientRect();
        const parts = Array.from(name.querySelectorAll<HTMLElement>('.card-part'));
        return {
          text: name.textContent ?? '',
          title: name.title,
          cut: parts.some((p) => p.scrollWidth - p.clientWidth > 0.5),
          // One line box per piece: a piece is never broken across lines.
          whole: parts.every((p) => p.getClientRects().length === 1),
          inside: parts.every((p) => {
            const r = p.getBoundingClientRect();
            return r.left >= card.left - 0.5 && r.right <= card.right + 0.5;
          }),
        };
      }),
  );
}

for (const [width, height, query, roomy] of [
  [1440, 900, '?compare=api-gateway-single&vs=api-gateway-multiple', 'Lambda "Customer"'],
  [600, 400, 'embed.html?pattern=message-decoupling-sqs', 'Lambda "Customer"'],
  [600, 400, 'embed.html?pattern=orchestration-step-functions', 'Lambda "OrderService"'],
] as const) {
  test(`card names break only between words, cut short with a title at most: ${query} at ${width}×${height}`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await page.goto(`./${query}`);
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    await expect
      .poll(async () => (await smallestDiagramText(page)).px, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(10.95);
    const names = await cardNames(page);
    expect(names.length).toBeGreaterThan(4);
    for (const name of names) {
      expect(name.whole, name.text).toBe(true);
      expect(name.inside, `${name.text} stays inside its card`).toBe(true);
      expect(name.title, `${name.text}: the full name when cut short`).toBe(
        name.cut ? name.text : '',
      );
    }
    // A word the card has room for at the 11 px floor is not cut (once the text scale and the
    // names' fit have settled after the last fit of the view).
    await expect
      .poll(async () => (await cardNames(page)).some((n) => n.text === roomy && !n.cut), {
        message: roomy,
        timeout: 10_000,
      })
      .toBe(true);
  });
}

test('every message is drawn while there is room: more dots than the old cap of 60', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openApp(page, '?pattern=message-decoupling-sqs&paymentRate=40');
  await setSpeed(page, '10');
  await play(page);
  const dots = page.getByTestId('dot-layer');
  await expect
    .poll(async () => Number(await dots.getAttribute('data-dots')), { timeout: 30_000 })
    .toBeGreaterThan(60);
  await expect(page.getByRole('group', { name: 'Legend' })).toContainText(
    'response (back to the caller)',
  );
});

test('a backlog piles up in the queue, and failed messages come to rest in the DLQ', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page, '?pattern=message-decoupling-sqs&paymentRate=40&salesErrorRate=30');
  const pile = page.getByTestId('node-salesQueue-pile');
  const parked = page.getByTestId('node-salesDlq-pile');
  expect(Number(await pile.getAttribute('data-marks'))).toBe(0);
  expect(Number(await parked.getAttribute('data-marks'))).toBe(0);
  await setSpeed(page, '100');
  await play(page);
  await expect
    .poll(async () => Number(await pile.getAttribute('data-marks')), { timeout: 60_000 })
    .toBeGreaterThan(20);
  await expect
    .poll(async () => Number(await parked.getAttribute('data-marks')), { timeout: 60_000 })
    .toBeGreaterThan(0);
  await expect(parked).toHaveAttribute('aria-label', /messages parked/);
});

test('a drained queue empties its pile', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page, '?pattern=message-decoupling-sqs&paymentRate=40');
  const pile = page.getByTestId('node-salesQueue-pile');
  await setSpeed(page, '100');
  await play(page);
  await expect
    .poll(async () => Number(await pile.getAttribute('data-marks')), { timeout: 60_000 })
    .toBeGreaterThan(30);
  const full = Number(await pile.getAttribute('data-marks'));
  await openParameters(page);
  await setParam(page, 'Payment rate (msg/s)', '2');
  await expect
    .poll(async () => Number(await pile.getAttribute('data-marks')), { timeout: 90_000 })
    .toBeLessThan(full);
});

test("a rate's legend gives the same total as the node's card", async ({ page }) => {
  test.setTimeout(90_000);
  await openApp(page, '?pattern=message-decoupling-sqs&salesErrorRate=30');
  await setSpeed(page, '100');
  await play(page);
  const card = page.getByTestId('sales-errors');
  await expect.poll(async () => readNumber(card), { timeout: 60_000 }).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const legendTotal = page.getByTestId('chart-errors').locator('[data-total="0"]');
  await expect(legendTotal).toContainText('so far');
  expect(await readNumber(legendTotal)).toBe(await readNumber(card));
});
