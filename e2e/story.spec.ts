import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test.setTimeout(90_000);

test('Step tells what happened in one sentence and highlights where', async ({ page }) => {
  await openApp(page);
  const step = page.getByRole('button', { name: 'Step to the next event' });
  const note = page.getByTestId('step-note');
  await step.click();
  await expect(note).toHaveText('User sent payment #1 to API Gateway /payments');
  // The sentence is in the polite live region, for screen readers.
  await expect(page.locator('[role="status"][aria-live="polite"]').first()).toContainText(
    'User sent payment #1',
  );
  await expect(page.locator('[data-step-focus="true"]')).toHaveAttribute(
    'data-testid',
    'node-user',
  );
  await expect(page.getByTestId('step-focus-userToApi')).toBeAttached();
  // A few steps on, the gateway's arrival is told with its token bucket.
  const told: string[] = [];
  for (let i = 0; i < 6; i++) {
    await step.click();
    told.push((await note.textContent()) ?? '');
  }
  expect(told.join('\n')).toMatch(/Payment #\d reached API Gateway \/payments; 4,999 tokens left/);
  expect(told.join('\n')).not.toMatch(/timer|sample/);
  await expect(page.locator('[data-step-focus="true"]')).toHaveCount(1);
});

test('Step back returns to the previous event, the same run replayed', async ({ page }) => {
  await openApp(page);
  const step = page.getByRole('button', { name: 'Step to the next event' });
  const back = page.getByRole('button', { name: 'Step back to the previous event' });
  const note = page.getByTestId('step-note');
  const clock = page.getByTestId('sim-time');
  await expect(back).toBeDisabled();
  const seen: { text: string; time: string }[] = [];
  for (let i = 0; i < 8; i++) {
    await step.click();
    seen.push({ text: (await note.textContent()) ?? '', time: (await clock.textContent()) ?? '' });
  }
  for (let i = 6; i >= 3; i--) {
    await back.click();
    await expect(note).toHaveText(seen[i]!.text);
    await expect(clock).toHaveText(seen[i]!.time);
  }
  // The keyboard does the same: "," back, "." forward.
  await page.keyboard.press(',');
  await expect(note).toHaveText(seen[2]!.text);
  await page.keyboard.press('.');
  await expect(note).toHaveText(seen[3]!.text);
});

test('the tour plays each step to its moment, goes back and exits', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: /Take the tour/ }).click();
  const tour = page.getByTestId('tour');
  await expect(tour).toContainText('step 1 of 6');
  await expect(tour).toHaveAttribute('data-phase', 'paused', { timeout: 30_000 });
  await expect(tour.getByRole('status')).toHaveText('Paused at the moment this step is about.');

  await tour.getByRole('button', { name: 'Next' }).click();
  await expect(tour).toContainText('step 2 of 6');
  await expect(tour).toContainText('Raise the payment rate to 40/s');
  await expect(tour).toHaveAttribute('data-phase', 'paused', { timeout: 30_000 });
  // Paused where the backlog has built up, as the step says.
  const visible = page.getByTestId('salesQueue-visible');
  await expect
    .poll(async () => {
      // The card writes large counts compactly ("1.2k").
      const m = /([\d.,]+)\s*(k?)/.exec((await visible.textContent()) ?? '');
      return m ? Number(m[1]?.replace(/,/g, '')) * (m[2] ? 1000 : 1) : NaN;
    })
    .toBeGreaterThan(200);

  await tour.getByRole('button', { name: 'Back' }).click();
  await expect(tour).toContainText('step 1 of 6');
  await expect(tour).toHaveAttribute('data-phase', 'paused');
  await expect(page.getByTestId('sim-time')).toHaveText('0:10.000');

  // Esc leaves the tour; focus goes back to the button that opened it.
  await tour.focus();
  await page.keyboard.press('Escape');
  await expect(tour).toBeHidden();
  await expect(page.getByRole('button', { name: /Take the tour/ })).toBeFocused();
});
