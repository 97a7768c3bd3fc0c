import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openApp, openParameters, play, readNumber, setParam, setSpeed } from './helpers';

const FIXTURES = resolve(import.meta.dirname, '../src/cli/fixtures');
const ORDERS = resolve(FIXTURES, 'orders-template');

/** Opens the app and, through "Choose a folder…", the orders template with its state machine. */
async function openOrdersFolder(page: Page) {
  await openApp(page);
  await openDialog(page);
  await page.getByLabel('Choose a folder…').setInputFiles(ORDERS);
  await expect(page.getByTestId('node-ShippingMachine')).toBeVisible();
}

async function openDialog(page: Page) {
  await page.getByRole('button', { name: 'Open template' }).click();
  await expect(page.getByTestId('open-template')).toBeVisible();
}

test('paste a template: it is drawn and runs', async ({ page }) => {
  await openApp(page);
  await openDialog(page);
  const yaml = readFileSync(resolve(ORDERS, 'template.yaml'), 'utf8');
  await page.getByLabel('Or paste a template (YAML or JSON)').fill(yaml);
  await page.getByRole('button', { name: 'Open and run' }).click();
  await expect(page.getByTestId('open-template')).toBeHidden();
  await expect(page.getByTestId('node-OrdersQueue')).toBeVisible();
  await expect(page.getByTestId('node-ServerlessHttpApi')).toBeVisible();
  // Pasted alone, the state machine's file is missing: it is drawn, listed, and not run.
  const panel = page.getByTestId('template-panel');
  await expect(panel).toContainText('ShippingMachine');
  await expect(panel).toContainText('statemachine/shipping.asl.json is not among the files given');
  await setSpeed(page, '10');
  await play(page);
  await expect
    .poll(() => readNumber(page.getByTestId('ledger-created').locator('dd')), { timeout: 20_000 })
    .toBeGreaterThan(20);
  await expect
    .poll(() => readNumber(page.getByTestId('ledger-completed').locator('dd')), { timeout: 20_000 })
    .toBeGreaterThan(5);
});

test('a broken template gets a message pointing at its line, and the pattern keeps running', async ({
  page,
}) => {
  await openApp(page);
  await openDialog(page);
  const broken = readFileSync(resolve(FIXTURES, 'broken-template/template.yaml'), 'utf8');
  await page.getByLabel('Or paste a template (YAML or JSON)').fill(broken);
  await page.getByRole('button', { name: 'Open and run' }).click();
  const alert = page.getByTestId('template-problem');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/template\.yaml:7:\d+/);
  await expect(alert.getByLabel('Lines around line 7 of template.yaml')).toContainText('Worker:');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('node-salesQueue')).toBeVisible();
});

test('open a folder with its state machine: messages flow, a batch size changes, the link reopens it', async ({
  page,
  context,
}) => {
  await openOrdersFolder(page);
  await expect(page.getByTestId('open-template')).toBeHidden();
  await expect(page.getByTestId('template-panel')).toContainText('every one of them');
  // The "may send" edge is drawn, dashed and faint.
  await expect(page.locator('.edge-label[data-inferred="true"]').first()).toBeVisible();

  await openParameters(page);
  await setParam(page, 'Batch size (msg)', '1');
  await setSpeed(page, '10');
  await play(page);
  await expect
    .poll(() => readNumber(page.getByTestId('ledger-completed').locator('dd')), { timeout: 30_000 })
    .toBeGreaterThan(10);

  // The link carries the definition and the changed batch size.
  const url = page.url();
  expect(url).toContain('template=');
  expect(url).toContain('StartShippingOrdersPoll_batchSize=1');
  const again = await context.newPage();
  await again.goto(url);
  await expect(again.getByTestId('node-ShippingMachine')).toBeVisible();
  await expect(again.getByTestId('template-panel')).toContainText('Imported from template.yaml');
  await again.getByRole('tab', { name: 'Parameters' }).click();
  await expect(
    again.getByRole('spinbutton', { name: 'Batch size (msg), exact value' }),
  ).toHaveValue('1');
});

test('drop a template with its state machine file: the machine runs its Tasks', async ({
  page,
}) => {
  await openApp(page);
  await openDialog(page);
  const template = readFileSync(resolve(ORDERS, 'template.yaml'), 'utf8');
  const asl = readFileSync(resolve(ORDERS, 'statemachine/shipping.asl.json'), 'utf8');
  const dataTransfer = await page.evaluateHandle(
    ({ t, a }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'template.yaml', { type: 'text/yaml' }));
      dt.items.add(new File([a], 'shipping.asl.json', { type: 'application/json' }));
      return dt;
    },
    { t: template, a: asl },
  );
  await page.getByTestId('template-drop').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('open-template')).toBeHidden();
  await expect(page.getByTestId('node-ShippingMachine')).toBeVisible();
  await expect(page.getByTestId('template-panel')).toContainText('every one of them');
  await setSpeed(page, '10');
  await play(page);
  await expect
    .poll(() => readNumber(page.getByTestId('ledger-completed').locator('dd')), { timeout: 30_000 })
    .toBeGreaterThan(10);
});

test('a damaged template link says so and shows a built-in pattern', async ({ page }) => {
  await page.goto('./?template=not-a-real-definition');
  await expect(page.getByRole('alert').first()).toContainText('damaged');
  await expect(page.getByTestId('node-salesQueue')).toBeVisible();
});

test('the embed of an imported architecture plays it', async ({ page }) => {
  await openOrdersFolder(page);
  const search = new URL(page.url()).search;
  expect(search).toContain('template=');
  await page.goto(`./embed.html${search}`);
  await expect(page.getByTestId('node-ShippingMachine')).toBeVisible();
  await expect(page.getByTestId('node-OrdersQueue')).toBeVisible();
});

test('compare an imported architecture with its own settings: one click, both sides run, the link reopens it', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await openOrdersFolder(page);
  await openParameters(page);
  await setParam(page, 'Batch size (msg)', '1');
  await page.getByRole('tab', { name: 'Guide' }).click();
  await page.getByRole('link', { name: 'Your settings vs the template’s settings' }).click();
  await expect(page).toHaveURL(/\?compare=template-[^&]+&vs=template-[^&]+&template=/);
  const sideA = page.getByRole('region', { name: /^Side A/ });
  const sideB = page.getByRole('region', { name: /^Side B/ });
  await expect(sideA.getByTestId('node-ShippingMachine')).toBeVisible();
  await expect(sideB.getByTestId('node-ShippingMachine')).toBeVisible();
  await expect(sideA).toContainText('the template’s settings');
  await expect(sideB).toContainText('Batch size = 1 msg');
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.getByRole('combobox', { name: 'Speed' }).selectOption('10');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const throughput = page.locator('tr[data-figure="throughputPerS"]');
  await expect(throughput.locator('td[data-side="a"]')).not.toHaveText('0/s', { timeout: 30_000 });
  await expect(throughput.locator('td[data-side="b"]')).not.toHaveText('0/s');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();

  // The address alone reopens the same two sides.
  const again = await context.newPage();
  await again.goto(page.url());
  await expect(
    again.getByRole('region', { name: /^Side B/ }).getByTestId('node-ShippingMachine'),
  ).toBeVisible();
  await expect(again.getByRole('region', { name: /^Side B/ })).toContainText('Batch size = 1 msg');
  await expect(again.getByRole('alert')).toHaveCount(0);
});

test('an imported architecture goes into the scenario file and comes back from it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openOrdersFolder(page);
  await openParameters(page);
  await setParam(page, 'Batch size (msg)', '1');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('button', { name: 'Download scenario' }).click(),
  ]);
  const bytes = readFileSync(await download.path());
  const scenario = JSON.parse(bytes.toString('utf8')) as {
    pattern: string;
    params: Record<string, unknown>;
    imported?: { template?: { definition?: { nodes?: { id: string }[] } } };
  };
  expect(scenario.params.StartShippingOrdersPoll_batchSize).toBe(1);
  expect(scenario.imported?.template?.definition?.nodes?.map((n) => n.id)).toContain(
    'ShippingMachine',
  );

  // A fresh page on a built-in pattern opens the file: the architecture comes with it.
  await page.goto('./?pattern=pubsub-sns');
  await expect(page.getByTestId('node-topic')).toBeVisible();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByLabel('Scenario file').setInputFiles({
    name: 'orders.json',
    mimeType: 'application/json',
    buffer: bytes,
  });
  await expect(page.getByRole('status').filter({ hasText: 'Opened orders.json' })).toBeVisible();
  await expect(page.getByTestId('node-ShippingMachine')).toBeVisible();
  await expect(page).toHaveURL(
    /template=.*StartShippingOrdersPoll_batchSize=1|StartShippingOrdersPoll_batchSize=1.*template=/,
  );
});
