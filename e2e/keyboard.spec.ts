import { expect, test } from '@playwright/test';
import { openApp, openParameters } from './helpers';

test('arrow and page keys move a logarithmic slider to the next value', async ({ page }) => {
  await openApp(page);
  await openParameters(page);
  const rate = page.getByRole('slider', { name: 'Payment rate (msg/s)' });
  await rate.focus();
  await rate.press('ArrowRight');
  await expect(rate).toHaveAttribute('aria-valuetext', '10.1 msg/s');
  await rate.press('ArrowUp');
  await expect(rate).toHaveAttribute('aria-valuetext', '10.2 msg/s');
  await rate.press('ArrowLeft');
  await rate.press('ArrowDown');
  await rate.press('ArrowDown');
  await expect(rate).toHaveAttribute('aria-valuetext', '9.9 msg/s');
  await rate.press('PageUp');
  const paged = Number((await rate.getAttribute('aria-valuetext'))?.split(' ')[0]);
  expect(paged).toBeGreaterThan(11);
  await rate.press('PageDown');
  await expect(rate).toHaveAttribute('aria-valuetext', '9.9 msg/s');
  // A whole-number log slider moves by one at its low end.
  const concurrency = page.getByRole('slider', { name: /Sales concurrency/ });
  await concurrency.focus();
  await concurrency.press('ArrowRight');
  await expect(concurrency).toHaveAttribute('aria-valuetext', '3 invocations');
  await concurrency.press('ArrowLeft');
  await expect(concurrency).toHaveAttribute('aria-valuetext', '2 invocations');
  // The arrows moved the slider, not the simulation.
  await expect(page.getByTestId('sim-time')).toHaveText('0:00.000');
  await expect(page).toHaveURL(/paymentRate=9\.9\b/);
});

test('shortcuts keep working after clicking buttons and choosing a speed', async ({ page }) => {
  await openApp(page);
  const status = page.locator('.status-pill');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(status).toHaveText('Running');
  // Space after a mouse click on Play/Pause still toggles (once, not twice).
  await page.keyboard.press('Space');
  await expect(status).toHaveText('Paused');
  await page.keyboard.press('Space');
  await expect(status).toHaveText('Running');

  const speed = page.getByRole('combobox', { name: 'Speed' });
  await speed.click();
  await speed.selectOption('10');
  await page.keyboard.press('+');
  await expect(speed).toHaveValue('25');
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect(speed).toHaveValue('5');

  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(status).toHaveText('Paused');
  await page.getByRole('tab', { name: 'Parameters' }).click();
  const clock = page.getByTestId('sim-time');
  const before = await clock.textContent();
  await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 30; i++) await page.keyboard.press('.');
  await expect(clock).not.toHaveText(before ?? '');

  await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
  await page.keyboard.press('r');
  await expect(status).toHaveText('Ready');
  await expect(clock).toHaveText('0:00.000');
});

test('a button focused from the keyboard keeps Space and Enter for itself', async ({ page }) => {
  await openApp(page);
  const step = page.getByRole('button', { name: 'Step to the next event' });
  await step.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.status-pill')).toHaveText('Paused');
  await expect(page.getByTestId('step-note')).toContainText('sent payment #1');
});

test('a focused node shows a ring and opens its details with Enter or Space', async ({ page }) => {
  await openApp(page);
  const node = page.locator('.react-flow__node[data-id="sales"]');
  await expect(node).toHaveAttribute('aria-label', 'Lambda "Sales"');
  const description = await node.evaluate((el) => {
    const id = el.getAttribute('aria-describedby');
    return id ? (document.getElementById(id)?.textContent ?? '') : '';
  });
  expect(description).toMatch(/Enter or Space/);
  expect(description).not.toMatch(/delete/i);

  await page.keyboard.press('Tab');
  await node.focus();
  const outline = await page
    .getByTestId('node-sales')
    .evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');
  await page.keyboard.press('Enter');
  const details = page.getByRole('region', { name: /Lambda "Sales" details/ });
  await expect(details).toBeVisible();
  // Space on the card opened nothing else: the simulation did not start.
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await page.locator('.react-flow__node[data-id="salesQueue"]').focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('region', { name: /SQS "Sales" .*details/ })).toBeVisible();
  await expect(page.locator('.status-pill')).toHaveText('Ready');
  // Nodes cannot be deleted from the keyboard.
  await page.keyboard.press('Delete');
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('node-salesQueue')).toBeVisible();
});

test('"?" lists the shortcuts, Esc closes the list', async ({ page }) => {
  await openApp(page);
  await expect(page.getByText('speed', { exact: false }).first()).toBeVisible();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Faster / slower');
  await expect(dialog).toContainText('Step to the next event');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(dialog).toBeVisible();
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(dialog).toBeHidden();
});
