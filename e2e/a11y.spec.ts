import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { patterns } from '../src/patterns';

/**
 * axe-core on every pattern, in both themes, in the full app and in the embed: no serious or
 * critical finding. The app is checked after a narrated step too (the status line, the
 * highlight), and with its Parameters panel open.
 */

test.describe.configure({ timeout: 120_000 });

async function seriousFindings(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes
          .slice(0, 4)
          .map(
            (n) =>
              `${n.target.join(' ')} ${n.failureSummary?.split('\n').slice(0, 2).join(' ') ?? ''}`,
          )
          .join('\n  ')}`,
    );
}

for (const scheme of ['light', 'dark'] as const) {
  for (const pattern of patterns) {
    test(`${pattern.id}, ${scheme}: the app has no serious accessibility findings`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`./?pattern=${pattern.id}`);
      await expect(page.locator('.react-flow__node').first()).toBeVisible();
      await page.getByRole('button', { name: 'Step to the next event' }).click();
      await expect(page.getByTestId('step-note')).toBeVisible();
      expect(await seriousFindings(page)).toEqual([]);
      await page.getByRole('tab', { name: 'Parameters' }).click();
      expect(await seriousFindings(page)).toEqual([]);
    });

    test(`${pattern.id}, ${scheme}: the embed has no serious accessibility findings`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`./embed.html?pattern=${pattern.id}`);
      await expect(page.locator('.react-flow__node').first()).toBeVisible();
      expect(await seriousFindings(page)).toEqual([]);
    });
  }
}

test('a link with a problem explains it in readable contrast', async ({ page }) => {
  await page.goto('./?pattern=message-decoupling-sqs&paymentRate=lots');
  await expect(page.getByRole('alert')).toBeVisible();
  expect(await seriousFindings(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  // The page follows the OS: wait for the dark theme and for its colour transitions to end.
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expect.poll(() => page.evaluate(() => document.getAnimations().length)).toBe(0);
  expect(await seriousFindings(page)).toEqual([]);
});

test('Esc gives the focus back to the control that opened a panel or popover', async ({ page }) => {
  await page.goto('./?pattern=message-decoupling-sqs');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();

  // A node's details: opened from the node, left from a control inside them.
  const node = page.locator('.react-flow__node[data-id="sales"]');
  await node.focus();
  await page.keyboard.press('Enter');
  const details = page.getByRole('region', { name: /Lambda "Sales" details/ });
  await expect(details).toBeVisible();
  await details.getByRole('slider').first().focus();
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await expect(node).toBeFocused();

  // The Embed popover: opened by its button, left from its copy button.
  const embed = page.getByRole('button', { name: 'Embed' });
  await embed.focus();
  await page.keyboard.press('Enter');
  const copy = page.locator('#embed-panel').getByRole('button').first();
  await copy.focus();
  await page.keyboard.press('Escape');
  await expect(page.locator('#embed-panel')).toBeHidden();
  await expect(embed).toBeFocused();

  // The shortcuts list, opened from its button with the keyboard.
  const help = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await help.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
  await expect(help).toBeFocused();
});
