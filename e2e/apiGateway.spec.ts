import { expect, test, type Page } from '@playwright/test';
import { openParameters, play, readNumber, setParam, setSpeed } from './helpers';

/** The 429 count of one route on a gateway card. */
const route429 = (page: Page, gateway: string, path: string) =>
  page.getByTestId(`${gateway}-route-${path}-429`);

async function open(page: Page, pattern: string): Promise<void> {
  // A gateway throttle of 200 a second: 300 from the other clients of /sales overrun it.
  await page.goto(`./?pattern=${pattern}&routeApiRate=200&routeApiBurst=100`);
  await expect(page.getByTestId('node-payments')).toBeVisible();
}

async function makeSalesNoisy(page: Page): Promise<void> {
  await setSpeed(page, '5');
  await play(page);
  await openParameters(page);
  await setParam(page, 'Other clients of /sales (req/s)', '300');
}

/** Opens the waterfall of one of the user's recent requests and reads it. */
async function openWaterfall(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByTestId('node-user').click();
  const list = page.getByTestId('recent-requests');
  await expect(list).toBeVisible();
  await list.getByRole('button').first().click();
  const waterfall = page.getByTestId('waterfall');
  await expect(waterfall).toBeVisible();
  await expect(waterfall.getByRole('heading', { name: /^Request \d+/ })).toBeVisible();
  // The user's call, the front gateway's, and Payments' calls under it.
  expect(await waterfall.getByTestId('waterfall-row').count()).toBeGreaterThanOrEqual(3);
  await expect(waterfall.getByRole('rowheader').first()).toContainText('API Gateway');
  await waterfall.getByRole('button', { name: 'Close the waterfall' }).click();
  await expect(waterfall).toBeHidden();
}

async function readCost(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Cost' }).click();
  const panel = page.getByTestId('cost-panel');
  await expect(panel.getByTestId('cost-total')).toContainText('$');
  expect(await readNumber(panel.getByTestId('cost-total'))).toBeGreaterThan(0);
  await expect(panel.getByRole('table', { name: 'Cost by service' })).toContainText(
    'Amazon API Gateway',
  );
  await expect(panel.getByRole('table', { name: 'Cost by service' })).toContainText('AWS Lambda');
}

test('one gateway: a noisy /sales throttles /sales alone (limits per route); a waterfall and the cost', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await open(page, 'api-gateway-single');
  await makeSalesNoisy(page);
  await expect
    .poll(() => readNumber(route429(page, 'gateway', '/sales')), { timeout: 60_000 })
    .toBeGreaterThan(200);
  // API Gateway applies the stage's limits to each route: /customer keeps its own tokens.
  expect(await readNumber(route429(page, 'gateway', '/customer'))).toBe(0);
  expect(await readNumber(route429(page, 'gateway', '/communication'))).toBe(0);
  await openWaterfall(page);
  await readCost(page);
});

test('one gateway per service: a noisy /sales leaves /customer alone', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page, 'api-gateway-multiple');
  await makeSalesNoisy(page);
  await expect
    .poll(() => readNumber(route429(page, 'salesApi', '/sales')), { timeout: 60_000 })
    .toBeGreaterThan(200);
  expect(await readNumber(route429(page, 'customerApi', '/customer'))).toBe(0);
  expect(await readNumber(route429(page, 'communicationApi', '/communication'))).toBe(0);
  await openWaterfall(page);
  await readCost(page);
});

test('every gateway setting has a slider with an accessible name', async ({ page }) => {
  await page.goto('./?pattern=api-gateway-single&usagePlan=true');
  await openParameters(page);
  for (const name of [
    'Payment rate',
    'Other clients of /sales',
    '/sales throttle rate',
    '/sales throttle burst',
    'Gateway throttle rate',
    'Gateway throttle burst',
    'Integration timeout',
    'Sales duration',
    'Service concurrency',
    'Query time',
    'DB connections',
    'API keys per caller',
    'Per-key throttle rate',
    'Per-key throttle burst',
    'Per-key quota',
  ])
    // The accessible name is the label and its unit: "Payment rate (msg/s)".
    await expect(
      page.getByRole('slider', { name: new RegExp(`^${name.replace(/[/-]/g, '\\$&')} \\(`) }),
    ).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Usage plan with API keys' })).toBeChecked();
});
