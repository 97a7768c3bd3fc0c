import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

const AT_20S = '?pattern=message-decoupling-sqs&paymentRate=40&seed=3&speed=25&t=20';

/** Opens the Export panel. */
async function openExport(page: Page) {
  await page.getByRole('button', { name: 'Export' }).click();
  return page.getByRole('dialog', { name: 'Export' });
}

/** Clicks a button that downloads a file and returns the file's bytes and name. */
async function downloadFrom(page: Page, button: string, timeout = 30_000) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout }),
    page.getByRole('button', { name: button }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

/** Every `data-stat` number of an exported SVG, by test id (`<node>-<stat>`). */
function svgStats(svg: string): Map<string, string> {
  const stats = new Map<string, string>();
  for (const m of svg.matchAll(/data-stat="([^"]+)"[^>]*>([^<]*)</g))
    stats.set(m[1] as string, (m[2] as string).replace(/&amp;/g, '&'));
  return stats;
}

test.describe('export', () => {
  test.setTimeout(120_000);

  test('a link with speed and time lands at that moment, paused, with the headless numbers', async ({
    page,
  }) => {
    await page.goto(`./${AT_20S}`);
    await expect(page.getByTestId('sim-time')).toHaveText(/0:20\.000/);
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('25');
    const headless = await page.evaluate(() =>
      window.__headlessRun?.('message-decoupling-sqs', { paymentRate: '40' }, 3, 20),
    );
    const created = headless?.summary.ledger.created ?? -1;
    expect(created).toBeGreaterThan(500);
    await expect(page.getByTestId('ledger-created')).toContainText(created.toLocaleString('en-US'));
    // The address keeps the moment while paused.
    await expect(page).toHaveURL(/speed=25&t=20$/);
    // A speed that is not on the list is shown as it is.
    await page.goto('./?pattern=message-decoupling-sqs&speed=3&t=1.5');
    await expect(page.getByTestId('sim-time')).toHaveText(/0:01\.500/);
    await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('3');
  });

  test('SVG keeps labels as text and its numbers are the badges’ numbers', async ({ page }) => {
    await page.goto(`./${AT_20S}`);
    await expect(page.getByTestId('sim-time')).toHaveText(/0:20\.000/);
    await openExport(page);
    const { name, bytes } = await downloadFrom(page, 'Download SVG');
    expect(name).toBe('message-decoupling-sqs-seed3-t20s.svg');
    const svg = bytes.toString('utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('>Message decoupling with SQS</text>');
    expect(svg).toContain('t = 0:20.000');
    for (const label of ['AMAZON SQS', 'Sales', 'API Gateway']) expect(svg).toContain(label);
    const stats = svgStats(svg);
    expect(stats.size).toBeGreaterThan(10);
    let compared = 0;
    for (const [testId, value] of stats) {
      const badge = page.getByTestId(testId);
      if ((await badge.count()) !== 1) continue;
      await expect(badge).toHaveText(value);
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
    // A number that moved in 20 s, so the comparison is not between zeros.
    expect(stats.get('salesQueue-visible')).toBeDefined();
    expect([...stats.values()].some((v) => /[1-9]/.test(v))).toBe(true);
  });

  test('PNG is a real image of the diagram', async ({ page }) => {
    await page.goto(`./${AT_20S}`);
    await expect(page.getByTestId('sim-time')).toHaveText(/0:20\.000/);
    await openExport(page);
    const { name, bytes } = await downloadFrom(page, 'Download PNG');
    expect(name).toMatch(/\.png$/);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    expect(width).toBeGreaterThan(800);
    expect(height).toBeGreaterThan(300);
    // Not a blank canvas: a flat image would compress to almost nothing.
    expect(bytes.length).toBeGreaterThan(20_000);
  });

  test('scenario JSON round trip: export, open another pattern, import, same moment', async ({
    page,
  }) => {
    await page.goto(`./${AT_20S}`);
    await expect(page.getByTestId('sim-time')).toHaveText(/0:20\.000/);
    const createdText = await page.getByTestId('ledger-created').textContent();
    await openExport(page);
    const { name, bytes } = await downloadFrom(page, 'Download scenario');
    expect(name).toBe('message-decoupling-sqs-seed3-t20s.json');
    const scenario = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    expect(scenario).toMatchObject({
      format: 'aws-integration-pattern-scenario',
      version: 1,
      pattern: 'message-decoupling-sqs',
      seed: 3,
      speed: 25,
      timeS: 20,
      rules: {},
    });
    expect((scenario.params as Record<string, unknown>).paymentRate).toBe(40);

    await page.goto('./?pattern=pubsub-sns');
    await expect(page.getByTestId('node-topic')).toBeVisible();
    await openExport(page);
    await page.getByLabel('Scenario file').setInputFiles({
      name: 'scenario.json',
      mimeType: 'application/json',
      buffer: bytes,
    });
    await expect(
      page.getByRole('status').filter({ hasText: 'Opened scenario.json' }),
    ).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Pattern' })).toHaveValue(
      'message-decoupling-sqs',
    );
    await expect(page.getByTestId('sim-time')).toHaveText(/0:20\.000/);
    await expect(page.getByTestId('ledger-created')).toHaveText(createdText ?? '');
    await expect(page).toHaveURL(
      /pattern=message-decoupling-sqs&paymentRate=40&seed=3&speed=25&t=20$/,
    );

    // A broken file is refused with the field named, and the run stays as it was.
    await page.getByLabel('Scenario file').setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...scenario, seed: -1 })),
    });
    await expect(page.getByRole('alert')).toContainText('Field "seed" must be a whole number');
    await expect(page.getByTestId('sim-time')).toHaveText(/0:20\.000/);
  });

  test('a GIF and a WebM clip of the run', async ({ page }) => {
    await page.goto('./?pattern=message-decoupling-sqs&paymentRate=40&seed=3');
    await openExport(page);
    await page.getByLabel('Clip length (s)').fill('1');
    await page.getByLabel('Clip format').selectOption('gif');
    const gif = await downloadFrom(page, 'Record clip', 90_000);
    expect(gif.name).toMatch(/\.gif$/);
    expect(gif.bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect(gif.bytes.length).toBeGreaterThan(5_000);
    // Recording played the run and put the reader's state back (paused at the end, speed 1×).
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Speed', exact: true })).toHaveValue('1');
    await expect(page.getByTestId('sim-time')).not.toHaveText(/^t = 0:00\.000/);

    // The Chromium the suite runs (Debian's, or Playwright's) records WebM: a browser that could
    // not would fail here rather than pass the clip untested.
    expect(await page.evaluate(() => MediaRecorder.isTypeSupported('video/webm'))).toBe(true);
    await page.getByLabel('Clip format').selectOption('webm');
    const webm = await downloadFrom(page, 'Record clip', 90_000);
    expect(webm.name).toMatch(/\.webm$/);
    // EBML magic number of a Matroska/WebM file.
    expect([...webm.bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
  });

  test('a clip draws the moving messages of the whole diagram, not only those in view', async ({
    page,
  }) => {
    await page.goto(`./${AT_20S}`);
    await expect(page.getByTestId('node-sales')).toBeAttached();
    // Zoom in on the left of the diagram, until the Sales side is out of the pane's view.
    const pane = page.locator('.react-flow__pane');
    const box = (await pane.boundingBox())!;
    await page.mouse.move(box.x + 80, box.y + box.height / 2);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -300);
    await expect
      .poll(async () => (await page.getByTestId('node-salesQueue').boundingBox())?.x ?? 0)
      .toBeGreaterThan(box.x + box.width);
    await openExport(page);
    await page.getByLabel('Clip length (s)').fill('1');
    await page.getByLabel('Clip format').selectOption('gif');
    const gif = await downloadFrom(page, 'Record clip', 90_000);
    // Request dots (#2563eb) in the right half of a frame: the queue and the Sales side.
    const dotPixels = await page.evaluate(async (b64) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const decoder = new ImageDecoder({ data, type: 'image/gif' });
      const { image } = await decoder.decode({ frameIndex: 2 });
      const canvas = document.createElement('canvas');
      canvas.width = image.displayWidth;
      canvas.height = image.displayHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      const half = Math.floor(canvas.width / 2);
      const px = ctx.getImageData(half, 0, canvas.width - half, canvas.height).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4)
        if (Math.hypot(px[i]! - 0x25, px[i + 1]! - 0x63, px[i + 2]! - 0xeb) < 24) n++;
      return n;
    }, gif.bytes.toString('base64'));
    expect(dotPixels).toBeGreaterThan(100);
  });
});

test.describe('first paint', () => {
  for (const path of ['./', './embed.html']) {
    test(`${path} paints dark for a dark reader before any script file runs`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ colorScheme: 'dark' });
      const page = await context.newPage();
      await page.route('**/*.js', (route) => route.abort());
      await page.goto(`${path}?pattern=pubsub-sns`);
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
        'rgb(10, 15, 26)',
      );
      await expect(page.locator('.shell')).toBeVisible();
      await context.close();
    });
  }

  test('a stored light choice wins over a dark OS, before any script file runs', async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme: 'dark' });
    await context.addInitScript(() => localStorage.setItem('aips-theme', 'light'));
    const page = await context.newPage();
    await page.route('**/*.js', (route) => route.abort());
    await page.goto('./');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      'rgb(244, 245, 247)',
    );
    await context.close();
  });
});

test('link problems: a repeated key is named, long values are clipped and wrap, one style', async ({
  page,
}) => {
  const long = 'p'.repeat(5000);
  await page.goto(`./?pattern=${long}&paymentRate=10&paymentRate=40&withoutQueue=yes&seed=x`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(`Unknown pattern "${'p'.repeat(79)}…"`);
  await expect(alert).toContainText('The link gives "paymentRate" 2 times');
  await expect(alert).toContainText('The seed must be a whole number');
  // Nothing wider than the window: the clipped name wraps inside the alert.
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    alert: document.querySelector('[role="alert"]')?.getBoundingClientRect().width ?? 0,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
  expect(widths.alert).toBeLessThanOrEqual(widths.inner);
  for (const item of await alert.locator('li').allTextContents()) {
    expect(item).toMatch(/^[A-Z]/);
    expect(item).not.toMatch(/ {2}/);
  }
  await page.goto('./?pattern=message-decoupling-sqs&withoutQueue=yes');
  await expect(page.getByRole('alert')).toContainText(
    'Parameter withoutQueue must be true or false (only these two words are accepted), got "yes"',
  );
});

test('first load: the default pattern brings no rule engine, workflow interpreter or editor; others load when picked', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const scripts: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./embed.html?pattern=message-decoupling-sqs');
  await expect(page.getByTestId('node-salesQueue')).toBeVisible();
  const heavy =
    /\/(stepFunctions|rules|sns|eventBridge|CodeMirrorJson|RuleEditor|TestPanel|ChartsPanel|pubsub-|orchestration-)[^/]*\.js$/;
  expect(scripts.filter((s) => heavy.test(s))).toEqual([]);

  await page.goto('./?pattern=message-decoupling-sqs');
  await expect(page.getByTestId('node-salesQueue')).toBeVisible();
  expect(scripts.filter((s) => /\/(stepFunctions|rules|CodeMirrorJson)[^/]*\.js$/.test(s))).toEqual(
    [],
  );
  // Picking a pattern loads it and the models it needs, and it runs.
  for (const [id, node] of [
    ['orchestration-step-functions', 'node-orders'],
    ['pubsub-eventbridge', 'node-bus'],
  ] as const) {
    await page.getByRole('combobox', { name: 'Pattern' }).selectOption(id);
    await expect(page.getByRole('combobox', { name: 'Pattern' })).toHaveValue(id);
    await expect(page.getByTestId(node).first()).toBeVisible();
  }
  expect(scripts.some((s) => /\/stepFunctions[^/]*\.js$/.test(s))).toBe(true);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect
    .poll(async () => Number(await page.getByTestId('dot-layer').getAttribute('data-hops')))
    .toBeGreaterThan(0);
  expect(errors).toEqual([]);
});
