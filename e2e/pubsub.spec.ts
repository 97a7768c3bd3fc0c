import { expect, test, type Page } from '@playwright/test';
import { play, readNumber, setSpeed } from './helpers';

/** Opens a pattern and waits for one of its cards. */
async function open(page: Page, query: string, node: string): Promise<void> {
  await page.goto(`./${query}`);
  await expect(page.getByTestId(`node-${node}`)).toBeVisible({ timeout: 20_000 });
}

/** Controls in a region's accessibility tree that have no name (there should be none). */
async function unnamedControls(region: ReturnType<Page['getByTestId']>): Promise<string[]> {
  const tree = await region.ariaSnapshot();
  return tree
    .split('\n')
    .filter((line) => /^\s*- (button|textbox|combobox|switch|link|slider)\b(?! ")/.test(line));
}

/** The rule editor's text box, once CodeMirror has loaded. */
function ruleText(page: Page) {
  return page.getByTestId('rule-editor').getByRole('textbox', { name: /^Filter policy of/ });
}

test('a subscriber taken down loses messages, and its graveyard says which and why', async ({
  page,
}) => {
  await open(page, '?pattern=pubsub-sns', 'sales');
  await page.getByTestId('node-sales').click();
  const details = page.getByTestId('node-details');
  await details.getByRole('switch', { name: 'Sales up' }).click();
  await expect(details.getByRole('switch', { name: 'Sales up' })).toHaveAttribute(
    'aria-checked',
    'false',
  );
  // Lambda retries an asynchronous event after 1 and 2 minutes: a few simulated minutes.
  await setSpeed(page, '250');
  await play(page);
  await expect(page.getByTestId('node-sales-lost')).toBeVisible({ timeout: 45_000 });
  const graveyard = details.getByTestId('graveyard');
  await expect(graveyard).toBeVisible();
  const first = graveyard.getByRole('row').nth(1);
  await expect(first).toContainText('retries exhausted');
  await expect(first).toContainText('function error');
  await expect(first.getByRole('cell').nth(3)).toHaveText('3');
  // The ledger counts them as lost (red), apart from what filters left out (grey, not a loss).
  await expect
    .poll(() => readNumber(page.getByTestId('ledger-lost').locator('dd')))
    .toBeGreaterThan(0);
  await expect(page.getByTestId('ledger')).toContainText('filtered out');
  await expect(page.getByTestId('ledger-fanout')).toContainText('deliveries');
  // The publisher never heard of it: the user got every answer.
  await expect(page.getByTestId('user-errors')).toHaveText('0');
});

test('a filter policy edited to an invalid one shows AWS’s error; fixed, it changes deliveries', async ({
  page,
}) => {
  // No "Customer from payments" messages: the email subscription's own policy lets nothing through.
  await open(page, '?pattern=pubsub-sns&mixCustomer=0', 'email');
  await setSpeed(page, '10');
  await play(page);
  const delivered = page.getByTestId('edge-topicToEmail-delivered');
  await expect
    .poll(() => readNumber(page.getByTestId('edge-topicToEmail-filtered')), { timeout: 20_000 })
    .toBeGreaterThan(5);
  await expect(delivered).toHaveText('0');

  const label = page.getByTestId('edge-rule-topicToEmail');
  await label.click();
  const dialog = page.getByRole('dialog', { name: 'SNS topic "Payments" → Email' });
  await expect(dialog).toBeVisible();
  const text = ruleText(page);
  await expect(text).toBeVisible({ timeout: 20_000 });
  await expect(text).toContainText('"Customer"');
  expect(await unnamedControls(page.getByTestId('rule-editor'))).toEqual([]);

  await text.fill('{\n  "source": "refunds"\n}');
  const status = dialog.getByTestId('rule-status');
  await expect(status).toContainText(
    'Invalid parameter: FilterPolicy: "source" must be an object or an array',
  );
  // The place is marked in the text, and the rule cannot be applied.
  await expect(dialog.locator('.cm-lintRange-error')).toHaveText('"source"');
  await expect(dialog.getByRole('button', { name: 'Apply' })).toBeDisabled();

  // JSON that is not JSON says where.
  await text.fill('{"source": ["refunds",]}');
  await expect(status).toContainText('Not JSON');
  await expect(status).toContainText('column 22');

  await text.fill('{"source": ["refunds"]}');
  await expect(status).toContainText('Valid');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Applied at' })).toBeVisible();
  // Refunds now reach the email subscriber, live.
  await expect
    .poll(() => readNumber(dialog.getByTestId('rule-counts-delivered')), { timeout: 20_000 })
    .toBeGreaterThan(0);
  await expect.poll(() => readNumber(delivered), { timeout: 20_000 }).toBeGreaterThan(0);

  // Esc closes the editor and gives the focus back to the label that opened it.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(label).toBeFocused();
  await expect(label).toContainText('source = refunds');
});

test('the test panel says which subscriptions take a message, and why the others do not', async ({
  page,
}) => {
  await open(page, '?pattern=pubsub-sns', 'email');
  await page.getByRole('tab', { name: 'Test rules' }).click();
  const panel = page.getByTestId('test-panel');
  const message = panel.getByRole('textbox', { name: 'Test message (JSON)' });
  await expect(message).toBeVisible({ timeout: 20_000 });
  await message.fill('{"type": "Sales", "source": "payments", "amount": 42}');
  await expect(panel.getByTestId('test-result-topicToCustomer')).toHaveAttribute(
    'data-state',
    'match',
  );
  await expect(panel.getByTestId('test-result-topicToSales')).toHaveAttribute(
    'data-state',
    'match',
  );
  const email = panel.getByTestId('test-result-topicToEmail');
  await expect(email).toHaveAttribute('data-state', 'no-match');
  await expect(email).toContainText('"type" is "Sales", but the policy requires "Customer".');
  await expect(panel.getByRole('heading', { name: '2 of 3 take it' })).toBeVisible();
  expect(await unnamedControls(panel)).toEqual([]);

  // A sample the pattern sends fills the editor.
  await panel.getByRole('combobox', { name: 'Start from' }).selectOption({ index: 1 });
  await expect(email).toHaveAttribute('data-state', 'match');

  // Each result opens its rule; Esc brings the focus back to the button.
  const openRule = email.getByRole('button', { name: /^Open rule/ });
  await openRule.click();
  await expect(page.getByTestId('rule-editor')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('rule-editor')).toBeHidden();
  await expect(openRule).toBeFocused();
});

test('an EventBridge rule: the test panel shows what an input transformer makes of an event', async ({
  page,
}) => {
  await open(page, '?pattern=pubsub-eventbridge&eventStyle=single', 'bus');
  await page.getByRole('tab', { name: 'Test rules' }).click();
  const panel = page.getByTestId('test-panel');
  await expect(panel.getByRole('textbox', { name: 'Test message (JSON)' })).toBeVisible({
    timeout: 20_000,
  });
  const sales = panel.getByTestId('test-result-busToSalesSingle');
  await expect(sales).toHaveAttribute('data-state', 'match');
  await expect(sales.locator('pre')).toContainText('"amount": 42');
  await expect(sales.locator('pre')).not.toContainText('email');
});

test('the share link keeps an edited rule', async ({ page }) => {
  await open(page, '?pattern=pubsub-sns', 'email');
  await page.getByTestId('node-topic').click();
  const details = page.getByTestId('node-details');
  const edit = details.getByRole('button', { name: /^Edit the filter policy of .*Email/ });
  await edit.click();
  const text = ruleText(page);
  await expect(text).toBeVisible({ timeout: 20_000 });
  await text.fill('{"source": ["refunds"], "type": ["Customer"]}');
  await page.getByTestId('rule-editor').getByRole('button', { name: 'Apply' }).click();
  await page.keyboard.press('Escape');
  await expect(edit).toBeFocused();
  await expect(page).toHaveURL(/rule\.topicToEmail=/);

  await page.reload();
  const label = page.getByTestId('edge-rule-topicToEmail');
  await expect(label).toContainText('source = refunds');
  await label.click();
  await expect(ruleText(page)).toContainText('"refunds"', { timeout: 20_000 });
  await expect(page.getByTestId('rule-editor').getByText('edited', { exact: true })).toBeVisible();
  // Back to the pattern's own rule: the address forgets the edit.
  await page.getByRole('button', { name: 'Use the pattern’s rule' }).click();
  await expect(ruleText(page)).toContainText('"payments"');
  await expect(page).not.toHaveURL(/rule\.topicToEmail=/);
});

test('message bus: a stopped consumer’s queue holds its messages until it is back', async ({
  page,
}) => {
  await open(page, '?pattern=message-bus', 'queueB');
  await page.getByTestId('node-consumerB').click();
  const running = page.getByRole('switch', { name: /Microservice B running/ });
  await running.click();
  await expect(running).toHaveAttribute('aria-checked', 'false');
  await setSpeed(page, '10');
  await play(page);
  const visible = page.getByTestId('queueB-visible');
  await expect.poll(() => readNumber(visible), { timeout: 30_000 }).toBeGreaterThan(100);
  // Nothing is lost: the queue keeps it all, and C goes on as before.
  await expect(page.getByTestId('ledger-lost').locator('dd')).toHaveText('0');
  await expect(page.getByTestId('edge-busToQueueB-lost')).toHaveText('0');
  expect(await readNumber(page.getByTestId('queueC-visible'))).toBeLessThan(20);

  await running.click();
  await expect(running).toHaveAttribute('aria-checked', 'true');
  await expect.poll(() => readNumber(visible), { timeout: 30_000 }).toBeLessThan(10);
  await expect(page.getByTestId('ledger-lost').locator('dd')).toHaveText('0');
});
