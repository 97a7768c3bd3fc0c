import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { smallestDiagramText } from './helpers';

/** Opens a pattern's Workflow tab and waits for ELK's drawing. */
async function openWorkflow(page: Page, query: string, firstState: string): Promise<void> {
  await page.goto(`./${query}`);
  await page.getByRole('tab', { name: 'Workflow' }).click();
  await expect(page.getByTestId(`wf-state-${firstState}`)).toBeVisible({ timeout: 30_000 });
}

const follow = (page: Page) => page.getByRole('complementary', { name: 'Follow one execution' });
const stage = (page: Page, label: string) => follow(page).getByLabel(label, { exact: true });

/** Presses "Step execution" until `done()` holds (at most `max` times). */
async function stepUntil(page: Page, done: () => Promise<boolean>, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await done()) return;
    await follow(page).getByRole('button', { name: 'Step execution' }).click();
  }
  expect(await done(), 'the condition after stepping').toBe(true);
}

const selectedState = (page: Page) =>
  follow(page)
    .getByRole('region', { name: /^State / })
    .first();

test('follow one execution state by state, with the inputs and outputs of each', async ({
  page,
}) => {
  await openWorkflow(page, '?pattern=orchestration-step-functions&seed=1', 'OrderService');
  await follow(page).getByRole('button', { name: 'Start one' }).click();
  const followed = follow(page).getByTestId('wf-followed');
  await expect(followed).toContainText('RUNNING');
  // The first state: OrderService, with the order as its raw input.
  await expect(selectedState(page)).toHaveAccessibleName('State OrderService');
  await expect(stage(page, 'Raw input')).toContainText('"customer": "customer-42"');
  await expect(page.getByTestId('wf-state-OrderService')).toHaveAttribute('data-mark', 'current');
  // Parameters made the Lambda invoke's input: the function and the whole state as its payload.
  await stepUntil(page, async () => (await stage(page, 'Effective input').count()) > 0);
  await expect(stage(page, 'Effective input')).toContainText('"FunctionName": "arn:aws:lambda');
  await expect(stage(page, 'Effective input')).toContainText('"Payload": {');
  // The result, then ResultSelector keeps the function's answer, ResultPath puts it under $.order.
  await stepUntil(page, async () => (await stage(page, 'Output').count()) > 0);
  await expect(stage(page, 'Result')).toContainText('"StatusCode": 200');
  await expect(stage(page, 'After ResultSelector')).toContainText('"status": "PLACED"');
  await expect(stage(page, 'After ResultPath')).toContainText('"order": {');
  await expect(stage(page, 'Output')).toContainText('"status": "PLACED"');
  await expect(stage(page, 'Output')).toContainText('"customer": "customer-42"');
  // On through the Parallel to the end; the whole run waited, paused, meanwhile.
  await stepUntil(page, async () => /SUCCEEDED|FAILED/.test((await followed.textContent()) ?? ''));
  await expect(page.getByText('Paused', { exact: true })).toBeVisible();
  await expect(page.getByTestId('wf-state-LogisticService')).toHaveAttribute(
    'data-mark',
    'visited',
  );
  // AWS's execution history, with its event types.
  await follow(page)
    .getByText(/^Execution history/)
    .click();
  const history = follow(page).getByRole('table', { name: 'Execution history' });
  await expect(history.getByRole('row').nth(1)).toContainText('ExecutionStarted');
  await expect(history).toContainText('TaskStateEntered');
  await expect(history).toContainText('ParallelStateExited');
  await expect(history).toContainText('TaskSucceeded');
});

test('a failing InvoiceService is retried, then the Parallel catches it', async ({ page }) => {
  await openWorkflow(
    page,
    '?pattern=orchestration-step-functions&invoiceErrorRate=100&seed=2',
    'InvoiceService',
  );
  await follow(page).getByRole('button', { name: 'Start one' }).click();
  const events = follow(page).getByRole('list', { name: 'Retries and catches' });
  await stepUntil(
    page,
    async () => (await events.count()) > 0 && /Retry 1/.test((await events.textContent()) ?? ''),
  );
  await expect(selectedState(page)).toHaveAccessibleName('State InvoiceService');
  await expect(events).toContainText('Retry 1 after Error');
  await stepUntil(page, async () =>
    /Retry 2/.test((await events.textContent().catch(() => '')) ?? ''),
  );
  await expect(page.getByTestId('wf-state-InvoiceService')).toHaveAttribute('data-mark', 'current');
  // The retries run out: the branch fails and the Parallel's Catch takes the order on.
  await stepUntil(
    page,
    async () =>
      (await page.getByTestId('wf-state-CustomerNotificationService').getAttribute('data-mark')) !==
        null &&
      (await page.getByTestId('wf-state-CustomerNotificationService').getAttribute('data-mark')) !==
        '',
  );
  await expect(page.getByTestId('wf-state-InvoiceService')).toHaveAttribute('data-mark', 'failed');
  await page.getByTestId('wf-state-Fulfilment').click({ position: { x: 20, y: 10 } });
  await expect(selectedState(page)).toHaveAccessibleName('State Fulfilment');
  await expect(follow(page).getByRole('list', { name: 'Retries and catches' })).toContainText(
    'Caught Error → CustomerNotificationService',
  );
  // The live counts show the retries too.
  await expect(page.getByTestId('wf-state-InvoiceService')).toContainText(/retried/);
});

const INVALID = JSON.stringify({
  StartAt: 'Hello',
  States: { Hello: { Type: 'Pass', Next: 'Nowhere' } },
});

test('import a definition and run it; an invalid one gets a clear error', async ({ page }) => {
  await openWorkflow(page, '?pattern=orchestration-step-functions', 'OrderService');
  await page.getByRole('button', { name: 'Import ASL' }).click();
  const dialog = page.getByRole('dialog', { name: /Import an Amazon States Language/ });
  const definition = dialog.getByRole('textbox', { name: 'Definition (JSON)' });
  await definition.fill(INVALID);
  await expect(dialog.getByRole('alert')).toContainText('/States/Hello/Next');
  await dialog.getByRole('button', { name: 'Import and run' }).click();
  await expect(dialog).toBeVisible();
  await definition.fill('{ "StartAt": ');
  await expect(dialog.getByRole('alert')).toContainText('not JSON');
  // A good one: the example, with its simulated services.
  await dialog.getByRole('button', { name: 'Load an example' }).click();
  await expect(dialog.getByRole('alert')).toBeEmpty();
  await expect(dialog.getByText('Pricer', { exact: true })).toBeVisible();
  await dialog.getByRole('button', { name: 'Import and run' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('wf-state-Price')).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(/[?&]asl=/);
  await follow(page).getByRole('button', { name: 'Start one' }).click();
  const followed = follow(page).getByTestId('wf-followed');
  await stepUntil(page, async () => /SUCCEEDED|FAILED/.test((await followed.textContent()) ?? ''));
  await expect(followed).toContainText('SUCCEEDED');
  // The result set for Pricer made the Choice take the expensive path.
  await expect(page.getByTestId('wf-state-Approve')).toHaveAttribute('data-mark', 'visited');
  await page.getByTestId('wf-state-Approve').click();
  await expect(stage(page, 'Effective input')).toContainText('"MessageBody"');
  await expect(stage(page, 'Effective input')).toContainText('lamp');
  // The link carries it: reloading shows the same workflow.
  await page.reload();
  await page.getByRole('tab', { name: 'Workflow' }).click();
  await expect(page.getByTestId('wf-state-Price')).toBeVisible({ timeout: 30_000 });
});

test('export and re-import a definition unchanged; a broken link keeps the rest', async ({
  page,
}) => {
  await openWorkflow(page, '?pattern=orchestration-step-functions', 'OrderService');
  const exportOnce = async (): Promise<string> => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export ASL' }).click();
    return readFileSync(await (await download).path(), 'utf8');
  };
  const first = await exportOnce();
  expect(JSON.parse(first).StartAt).toBe('OrderService');
  await page.getByRole('button', { name: 'Import ASL' }).click();
  const dialog = page.getByRole('dialog', { name: /Import an Amazon States Language/ });
  await dialog.getByRole('textbox', { name: 'Definition (JSON)' }).fill(first);
  await dialog.getByRole('button', { name: 'Import and run' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('wf-state-OrderService')).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(/[?&]asl=/);
  expect(await exportOnce()).toBe(first);

  await page.goto('./?pattern=orchestration-step-functions&executionRate=12&asl=broken!&seed=9');
  await expect(page.getByRole('alert').first()).toContainText(
    'imported workflow in the link ("asl=") could not be read',
  );
  await page.getByRole('tab', { name: 'Parameters' }).click();
  await expect(page.getByRole('slider', { name: /Executions per second/ })).toHaveAttribute(
    'aria-valuetext',
    '12 msg/s',
  );
});

/**
 * The workflow's boxes as drawn: state boxes and Start/End marks (not the frames and branch
 * columns that hold them), and whether each state's text fits inside its box.
 */
function workflowBoxes(page: Page) {
  return page.evaluate(() =>
    Array.from(
      document.querySelectorAll<HTMLElement>(
        '.wf-canvas :is(.react-flow__node-state, .react-flow__node-start, .react-flow__node-end)',
      ),
    ).map((node) => {
      const r = node.getBoundingClientRect();
      const inner = node.querySelector<HTMLElement>('.wf-state');
      return {
        id: node.dataset.id ?? '',
        left: r.left,
        top: r.top,
        right: r.right,
        bottom: r.bottom,
        fits: !inner || inner.scrollHeight <= inner.clientHeight + 1,
        cut: Array.from(node.querySelectorAll('[data-cut="true"]')).map((c) => c.textContent),
      };
    }),
  );
}

for (const [width, height] of [
  [1440, 900],
  [1024, 768],
  [390, 844],
] as const) {
  test(`the workflow at ${width}×${height}: no text under 11 px at its first view, no box over another`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await openWorkflow(page, '?pattern=orchestration-step-functions', 'OrderService');
    await expect
      .poll(async () => (await smallestDiagramText(page, '.wf-canvas')).px, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(10.95);
    const smallest = await smallestDiagramText(page, '.wf-canvas');
    expect(smallest.px, `"${smallest.text}" at zoom ${smallest.zoom}`).toBeGreaterThanOrEqual(
      10.95,
    );
    const boxes = await workflowBoxes(page);
    expect(boxes.length).toBe(10);
    for (const a of boxes) {
      expect(a.fits, `${a.id}: its text fits its box`).toBe(true);
      for (const b of boxes) {
        if (a === b) continue;
        const apart =
          a.right <= b.left + 0.5 ||
          b.right <= a.left + 0.5 ||
          a.bottom <= b.top + 0.5 ||
          b.bottom <= a.top + 0.5;
        expect(apart, `${a.id} and ${b.id} do not overlap`).toBe(true);
      }
    }
    // The workflow fills the pane's width (at 11 px, the console's layout is wider than a phone).
    const pane = await page.locator('.wf-canvas').boundingBox();
    const xs = boxes.flatMap((b) => [b.left, b.right]);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan((pane?.width ?? 0) * 0.4);
    if (width >= 1024) expect(boxes.every((b) => b.cut.length === 0)).toBe(true);
  });
}
