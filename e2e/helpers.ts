import { expect, type Locator, type Page } from '@playwright/test';

/** The number shown in an element ("1,234" → 1234; "7.5 s" → 7.5; "12.3k" → 12300; "1.2M"). */
export async function readNumber(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  const match = /(-?[\d,]*\.?\d+)([kM])?/.exec(text);
  if (!match) return NaN;
  const scale = match[2] === 'k' ? 1e3 : match[2] === 'M' ? 1e6 : 1;
  return Number((match[1] ?? '').replace(/,/g, '')) * scale;
}

/** The app's columns at this viewport: main, the canvas pane, and the charts. */
export async function boxes(page: Page) {
  return page.evaluate(() => {
    const box = (selector: string) => {
      const el = document.querySelector(selector);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    return {
      main: box('main'),
      canvas: box('.react-flow'),
      charts: box('.charts'),
      playback: box('.playback'),
      legend: box('[aria-label="Legend"]'),
      ledger: box('[data-testid="ledger"]'),
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    };
  });
}

/** Opens the app at `query` and waits for the diagram. */
export async function openApp(
  page: Page,
  query = '?pattern=message-decoupling-sqs',
): Promise<void> {
  await page.goto(`./${query}`);
  await expect(
    page.getByTestId('node-salesQueue').or(page.getByTestId('node-sales')).first(),
  ).toBeVisible();
  // The charts load in their own chunk after the diagram: the layout settles once they are in.
  await expect(page.locator('.charts[aria-busy="true"]')).toHaveCount(0);
}

/** Presses the Play button. */
export async function play(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
}

/** Sets the playback speed (a value of the Speed select, e.g. "100"). */
export async function setSpeed(page: Page, speed: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Speed' }).selectOption(speed);
}

/** Types a parameter's exact value, the way a reader fine-tunes a slider. */
export async function setParam(page: Page, accessibleName: string, value: string): Promise<void> {
  const box = page.getByRole('spinbutton', { name: `${accessibleName}, exact value` });
  await box.fill(value);
  await box.press('Enter');
}

/** Opens the Parameters tab of the side panel. */
export async function openParameters(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Parameters' }).click();
}

/**
 * The smallest text on a diagram as the reader sees it: every visible text node inside the React
 * Flow pane (the first one inside `within`, e.g. '.wf-canvas' for the Workflow tab), its computed
 * font size times the zoom of the layer it is drawn in.
 */
export async function smallestDiagramText(page: Page, within = 'body') {
  return page.evaluate((within) => {
    const flow = document.querySelector(within)?.querySelector('.react-flow');
    const viewport = flow?.querySelector<HTMLElement>('.react-flow__viewport');
    if (!flow || !viewport) return { px: 0, text: 'no diagram', zoom: 0 };
    const zoom = Number(/scale\(([\d.]+)\)/.exec(viewport.style.transform)?.[1] ?? 1);
    let smallest = { px: Infinity, text: '', zoom };
    const walker = document.createTreeWalker(flow, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      if (!el || !node.textContent?.trim()) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || !el.checkVisibility({ visibilityProperty: true }))
        continue;
      // SVG text in a <title> is a tooltip, not drawn.
      if (el.closest('title')) continue;
      const scaled = viewport.contains(el) || el.closest('.react-flow__edgelabel-renderer');
      const px = parseFloat(getComputedStyle(el).fontSize) * (scaled ? zoom : 1);
      if (px < smallest.px) smallest = { px, text: node.textContent.trim().slice(0, 40), zoom };
    }
    return smallest;
  }, within);
}
