import { expect, test, type ConsoleMessage, type Locator, type Page } from '@playwright/test';
import { readNumber } from './helpers';

// The embeds for docs: public/embed-example.html (two iframes and one <pattern-sim>) and the
// options of embed.html.

/** The simulated clock ("1:02.5", "0:00.000", "1:00:00") in seconds. */
async function simSeconds(scope: Locator | Page | ReturnType<Page['frameLocator']>) {
  const text = (await scope.getByTestId('sim-time').first().textContent()) ?? '';
  const parts = text.trim().split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

/** An embed's status (its root says it, whether or not it shows controls). */
function status(scope: Locator | ReturnType<Page['frameLocator']>) {
  return scope.locator('.embed').getAttribute('data-status');
}

test.describe('the example docs page', () => {
  test('three embeds of three patterns render and run independently', async ({ page }) => {
    test.setTimeout(90_000);
    // Tall enough for all three to be in view (an embed out of view pauses).
    await page.setViewportSize({ width: 1280, height: 2600 });
    await page.goto('./embed-example.html');
    const sqs = page.frameLocator('#embed-sqs');
    const sns = page.frameLocator('#embed-sns');
    const bus = page.locator('#sim-bus');

    // Each draws its own pattern.
    await expect(sqs.getByTestId('node-salesQueue')).toBeVisible();
    await expect(sns.getByTestId('node-topic')).toBeVisible();
    await expect(bus.getByTestId('node-queueB')).toBeVisible();
    await expect(bus.getByTestId('node-salesQueue')).toHaveCount(0);

    // The first and the element play on their own; the second was asked not to, and starts a
    // minute into its run.
    await expect.poll(() => status(sqs)).toBe('running');
    await expect.poll(() => status(bus)).toBe('running');
    expect(await status(sns)).not.toBe('running');
    await expect(sns.getByTestId('sim-time')).toHaveText('1:00.000');
    expect(await readNumber(sns.getByTestId('user-sent'))).toBeGreaterThan(0);

    // Pausing the element leaves the iframe running, and playing the second leaves both alone.
    await bus.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => status(bus)).toBe('paused');
    const busAt = await simSeconds(bus);
    const sqsAt = await simSeconds(sqs);
    await sns.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => simSeconds(sns)).toBeGreaterThan(60.5);
    await expect.poll(() => simSeconds(sqs)).toBeGreaterThan(sqsAt + 0.5);
    expect(await simSeconds(bus)).toBe(busAt);
    expect(await status(bus)).toBe('paused');

    // The element's own controls change its run only: consumer B stops, queue B fills.
    await bus.getByRole('button', { name: 'Play', exact: true }).click();
    await bus.getByRole('switch', { name: /Microservice B running/ }).click();
    await expect
      .poll(() => readNumber(bus.getByTestId('queueB-visible')), { timeout: 30_000 })
      .toBeGreaterThan(20);
    const backlogB = await readNumber(bus.getByTestId('queueB-visible'));
    expect(await readNumber(bus.getByTestId('queueC-visible'))).toBeLessThan(backlogB / 3);
  });

  test('several <pattern-sim> elements on one page each keep their own state', async ({ page }) => {
    await page.goto('./embed-example.html');
    await expect(page.locator('#sim-bus').getByTestId('node-queueB')).toBeVisible();
    // A second element of the same pattern, added the way a page would.
    await page.evaluate(() => {
      const el = document.createElement('pattern-sim');
      el.id = 'sim-bus-2';
      el.setAttribute('pattern', 'message-bus');
      el.setAttribute('params', 'publishRate=50&seed=9');
      el.setAttribute('controls', 'publishRate');
      document.getElementById('sim-bus')?.after(el);
    });
    const one = page.locator('#sim-bus');
    const two = page.locator('#sim-bus-2');
    await two.scrollIntoViewIfNeeded();
    await expect(two.getByTestId('node-queueB')).toBeVisible();
    await expect(two.getByRole('spinbutton', { name: /^Publish rate/ })).toHaveValue('50');
    await expect(one.getByRole('spinbutton', { name: /^Publish rate/ })).toHaveValue('20');

    const box = two.getByRole('spinbutton', { name: /^Publish rate/ });
    await box.fill('80');
    await box.press('Enter');
    await expect(two.getByRole('spinbutton', { name: /^Publish rate/ })).toHaveValue('80');
    await expect(one.getByRole('spinbutton', { name: /^Publish rate/ })).toHaveValue('20');

    // Each has its own simulator: their stores are different objects.
    const distinct = await page.evaluate(() => {
      const [a, b] = [...document.querySelectorAll('pattern-sim')];
      const sa = (a as unknown as { simulator: { store: unknown } }).simulator;
      const sb = (b as unknown as { simulator: { store: unknown } }).simulator;
      return sa !== null && sb !== null && sa.store !== sb.store;
    });
    expect(distinct).toBe(true);
  });

  test('the iframes tell the page their height, in both formats', async ({ page }) => {
    await page.goto('./embed-example.html');
    const frame = page.frameLocator('#embed-sqs');
    await expect(frame.getByTestId('node-salesQueue')).toBeVisible();
    // The height the embed's content needs, measured inside the frame.
    const wanted = async () =>
      Math.ceil(await frame.locator('.embed').evaluate((el) => el.getBoundingClientRect().height));
    await expect
      .poll(async () => {
        const messages = await page.evaluate(() =>
          (
            window as unknown as { patternSimMessages: { frame: string; message: unknown }[] }
          ).patternSimMessages.filter((m) => m.frame === 'embed-sqs'),
        );
        const plain = messages.filter(
          (m) =>
            typeof m.message === 'object' && (m.message as { type?: string }).type === 'resize',
        );
        const embedly = messages
          .filter((m) => typeof m.message === 'string')
          .map((m) => JSON.parse(m.message as string) as { context: string; height: number });
        const last = (plain.at(-1)?.message as { height: number } | undefined)?.height;
        // Measured again each time: the content may still be settling (cards, fonts).
        const height = await wanted();
        return {
          plain: last === height,
          embedly: embedly.at(-1)?.height === height,
          context: embedly.at(-1)?.context,
        };
      })
      .toEqual({ plain: true, embedly: true, context: 'iframe.resize' });
    // The host applied it: the frame is exactly as tall as its content, with no inner scroll.
    await expect
      .poll(
        async () =>
          (await page.locator('#embed-sqs').evaluate((el) => el.clientHeight)) === (await wanted()),
      )
      .toBe(true);
    const frameHeight = await page.locator('#embed-sqs').evaluate((el) => el.clientHeight);
    expect(frameHeight).toBeGreaterThan(250);

    // The frame with an aspect ratio asks for its width ÷ 1.6.
    await expect
      .poll(async () => {
        const width = await page.locator('#embed-sns').evaluate((el) => el.clientWidth);
        const last = await page.evaluate(
          () =>
            (
              window as unknown as {
                patternSimMessages: { frame: string; message: { type?: string; height: number } }[];
              }
            ).patternSimMessages
              .filter((m) => m.frame === 'embed-sns' && m.message.type === 'resize')
              .at(-1)?.message.height,
        );
        return last === Math.ceil(width / 1.6);
      })
      .toBe(true);
  });

  test('an embed scrolled out of view pauses, and carries on when it is back', async ({ page }) => {
    await page.goto('./embed-example.html');
    const sqs = page.frameLocator('#embed-sqs');
    const bus = page.locator('#sim-bus');
    await expect.poll(() => status(sqs)).toBe('running');
    await bus.scrollIntoViewIfNeeded();
    await expect.poll(() => status(bus)).toBe('running');

    await page.locator('#end').scrollIntoViewIfNeeded();
    await expect.poll(() => status(sqs)).toBe('paused');
    await expect.poll(() => status(bus)).toBe('paused');
    const at = await simSeconds(sqs);
    await page.waitForTimeout(500);
    expect(await simSeconds(sqs)).toBe(at);

    await page.locator('#embed-sqs').scrollIntoViewIfNeeded();
    await expect.poll(() => status(sqs)).toBe('running');
    await expect.poll(() => simSeconds(sqs)).toBeGreaterThan(at);
  });
});

test.describe('embed.html options', () => {
  test('an unknown option or a bad value never shows a banner, only a console message', async ({
    page,
  }) => {
    const warnings: string[] = [];
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.goto(
      './embed.html?pattern=pubsub-sns&bogus=1&theme=purple&controls=nope&speed=fast',
    );
    await expect(page.getByTestId('node-topic')).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.locator('.url-alert')).toHaveCount(0);
    expect(warnings.join('\n')).toContain('Unknown parameter "bogus"');
    expect(warnings.join('\n')).toContain('theme="purple"');
    expect(warnings.join('\n')).toContain('"nope" is not a parameter of pubsub-sns');
    // The rest of the address still applies: a running diagram with the playback controls.
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  });

  test('theme: dark, light, and the reader’s own', async ({ page }) => {
    const background = () =>
      page.locator('.embed').evaluate((el) => getComputedStyle(el).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('./embed.html?pattern=message-bus&theme=dark');
    await expect(page.locator('.embed')).toHaveClass(/dark/);
    await expect(page.locator('html')).toHaveClass(/dark/);
    const dark = await background();

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('./embed.html?pattern=message-bus&theme=light');
    await expect(page.locator('.embed')).not.toHaveClass(/dark/);
    const light = await background();
    expect(light).not.toBe(dark);

    await page.goto('./embed.html?pattern=message-bus&theme=auto');
    await expect(page.locator('.embed')).toHaveClass(/dark/);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('.embed')).not.toHaveClass(/dark/);
  });

  test('controls: none, playback, or named parameters that drive the run', async ({ page }) => {
    await page.goto('./embed.html?pattern=message-decoupling-sqs&controls=none');
    await expect(page.getByTestId('node-salesQueue')).toBeVisible();
    await expect(page.getByRole('toolbar', { name: 'Playback' })).toHaveCount(0);
    await expect(page.getByRole('slider')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Open in the simulator' })).toBeVisible();
    await expect.poll(() => status(page.locator('body'))).toBe('running');

    await page.goto('./embed.html?pattern=message-decoupling-sqs&controls=playback');
    await expect(page.getByRole('toolbar', { name: 'Playback' })).toBeVisible();
    await expect(page.getByRole('slider')).toHaveCount(0);

    await page.goto(
      './embed.html?pattern=message-decoupling-sqs&controls=salesConcurrency,paymentRate&speed=10',
    );
    const sliders = page.getByRole('slider');
    await expect(sliders).toHaveCount(2);
    await expect(sliders.first()).toHaveAccessibleName(/^Sales concurrency/);
    await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('10');
    await expect(page.getByTestId('sales-concurrency')).toContainText('/ 2');
    const box = page.getByRole('spinbutton', { name: /^Sales concurrency/ });
    await box.fill('6');
    await box.press('Enter');
    await expect(page.getByTestId('sales-concurrency')).toContainText('/ 6');
  });

  test('autoplay off stays paused; a start time lands at that moment', async ({ page }) => {
    await page.goto('./embed.html?pattern=message-decoupling-sqs&autoplay=0');
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    await page.waitForTimeout(1500);
    await expect(page.getByTestId('sim-time')).toHaveText('0:00.000');
    expect(await status(page.locator('body'))).toBe('idle');

    await page.goto('./embed.html?pattern=message-decoupling-sqs&autoplay=off&t=2m');
    await expect(page.getByTestId('sim-time')).toHaveText('2:00.000');
    expect(await readNumber(page.getByTestId('user-sent'))).toBeGreaterThan(1000);
    await page.waitForTimeout(1000);
    await expect(page.getByTestId('sim-time')).toHaveText('2:00.000');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => simSeconds(page)).toBeGreaterThan(120);
  });
});

test.describe('embeds in narrow and long pages', () => {
  test('a narrow embed reads top to bottom, with no diagram text under 11 px', async ({ page }) => {
    await page.setViewportSize({ width: 380, height: 800 });
    await page.goto('./embed.html?pattern=pubsub-sns');
    await expect(page.getByTestId('node-topic')).toBeVisible();
    await expect
      .poll(() =>
        page.evaluate(() => {
          const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
          const zoom = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : 0;
          let smallest = Infinity;
          for (const el of document.querySelectorAll<HTMLElement>(
            '.react-flow__node *, .react-flow__edgelabel-renderer *',
          )) {
            const own = [...el.childNodes].some(
              (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
            );
            if (own && el.getClientRects().length > 0)
              smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize) * zoom);
          }
          return smallest;
        }),
      )
      .toBeGreaterThanOrEqual(10.99);
    const user = await page.getByTestId('node-user').boundingBox();
    const topic = await page.getByTestId('node-topic').boundingBox();
    expect(topic!.y).toBeGreaterThan(user!.y + user!.height);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      380,
    );
  });

  test('the mouse wheel over an embed scrolls the page instead of zooming the diagram', async ({
    page,
  }) => {
    await page.goto('./embed-example.html');
    const frame = page.frameLocator('#embed-sqs');
    await expect(frame.getByTestId('node-salesQueue')).toBeVisible();
    const zoom = () =>
      frame
        .locator('.react-flow__viewport')
        .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
    const before = await zoom();
    const box = await page.locator('#embed-sqs').boundingBox();
    await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await page.mouse.wheel(0, 400);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    expect(await zoom()).toBe(before);
  });
});
