import { expect, test, type Page } from '@playwright/test';
import { readNumber } from './helpers';

// The small-screen layout: the diagram as one column, full width, legible; the panel a bottom
// sheet that leaves the diagram visible.

const PATTERNS = [
  'message-decoupling-sqs',
  'pubsub-sns',
  'pubsub-eventbridge',
  'message-bus',
  'api-gateway-single',
  'api-gateway-multiple',
  'orchestration-step-functions',
];
const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
];

/** The smallest text on the diagram as drawn on screen (font size × zoom), and the layout. */
function diagramFacts(page: Page) {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    const zoom = viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : 0;
    let smallest = Infinity;
    let smallestText = '';
    let texts = 0;
    for (const el of document.querySelectorAll<HTMLElement>(
      '.react-flow__node *, .react-flow__edgelabel-renderer *',
    )) {
      const own = Array.from(el.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => (n.textContent ?? '').trim())
        .join('');
      if (!own || el.getClientRects().length === 0) continue;
      texts++;
      const px = parseFloat(getComputedStyle(el).fontSize) * zoom;
      if (px < smallest) {
        smallest = px;
        smallestText = own;
      }
    }
    const nodes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].filter(
      (n) => n.getClientRects().length > 0,
    );
    const boxes = nodes.map((n) => n.getBoundingClientRect());
    const canvas = document.querySelector('.react-flow')?.getBoundingClientRect();
    const sheet = document.querySelector('.sheet')?.getBoundingClientRect();
    return {
      zoom,
      smallest,
      smallestText,
      texts,
      diagramWidth: Math.max(...boxes.map((b) => b.right)) - Math.min(...boxes.map((b) => b.left)),
      diagramHeight: Math.max(...boxes.map((b) => b.bottom)) - Math.min(...boxes.map((b) => b.top)),
      canvasWidth: canvas?.width ?? 0,
      sheetTop: sheet?.top ?? 0,
      innerWidth: window.innerWidth,
      innerHeight: window.innerHeight,
      scrollWidth: document.documentElement.scrollWidth,
    };
  });
}

for (const size of SIZES) {
  test.describe(`${size.name} ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('every pattern: one column, full width, no diagram text under 11 px', async ({ page }) => {
      test.setTimeout(120_000);
      for (const id of PATTERNS) {
        await page.goto(`./?pattern=${id}`);
        await expect(page.locator('.react-flow__node').first()).toBeVisible();
        // The outline's zoom is set once the cards are measured.
        await expect.poll(async () => (await diagramFacts(page)).zoom).toBeGreaterThan(0.5);
        const facts = await diagramFacts(page);
        expect(facts.texts, id).toBeGreaterThan(10);
        expect(facts.smallest, `${id}: "${facts.smallestText}"`).toBeGreaterThanOrEqual(10.99);
        // Read top to bottom: taller than wide, and the canvas is the window's width.
        expect(facts.diagramHeight, id).toBeGreaterThan(facts.diagramWidth * 2);
        expect(facts.canvasWidth, id).toBeGreaterThanOrEqual(facts.innerWidth - 1);
        expect(facts.scrollWidth, id).toBeLessThanOrEqual(facts.innerWidth);
        // The panel waits as a strip along the bottom; it does not cover the diagram.
        expect(facts.sheetTop, id).toBeGreaterThan(facts.innerHeight - 80);
      }
    });

    test('play, move a slider, and see its effect on the diagram while the slider shows', async ({
      page,
    }) => {
      await page.goto('./?pattern=message-decoupling-sqs');
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
      await expect(page.getByTestId('sales-concurrency')).toContainText('/ 2');

      // The Parameters tab lifts the sheet to half the screen.
      await page.getByRole('tab', { name: 'Parameters' }).click();
      await expect(page.getByRole('button', { name: 'Lower the panel' })).toHaveAttribute(
        'aria-expanded',
        'true',
      );
      const slider = page.getByRole('slider', { name: /^Sales concurrency/ });
      await slider.scrollIntoViewIfNeeded();
      await slider.focus();
      await slider.press('ArrowRight');
      await slider.press('ArrowRight');
      await expect(page.getByRole('spinbutton', { name: /^Sales concurrency/ })).toHaveValue('4');

      // The card the parameter belongs to comes into the visible part of the diagram, above the
      // sheet, with the new limit; the slider is in view at the same time.
      const card = page.getByTestId('node-sales');
      await expect(page.getByTestId('sales-concurrency')).toContainText('/ 4');
      await expect(card).toBeInViewport();
      await expect(slider).toBeInViewport();
      await expect
        .poll(async () => {
          const c = await card.boundingBox();
          const sheet = await page.locator('.sheet').boundingBox();
          const s = await slider.boundingBox();
          if (!c || !sheet || !s) return 'not laid out';
          if (c.y < 0 || c.y + c.height > sheet.y)
            return `card ${c.y}–${c.y + c.height} vs sheet ${sheet.y}`;
          if (s.y < sheet.y || s.y + s.height > size.height) return 'slider hidden';
          return 'both visible';
        })
        .toBe('both visible');

      // The run goes on: more work reaches Sales with the higher limit.
      const runs = await readNumber(page.getByTestId('sales-invocations'));
      await expect
        .poll(() => readNumber(page.getByTestId('sales-invocations')))
        .toBeGreaterThan(runs);
    });

    test('the bottom sheet: strip, half, full, and back', async ({ page }) => {
      await page.goto('./?pattern=pubsub-sns');
      await expect(page.locator('.react-flow__node').first()).toBeVisible();
      const sheet = page.locator('.sheet');
      const handle = page.getByRole('button', { name: 'Open the panel' });
      await expect(sheet).toHaveAttribute('data-sheet', 'peek');
      await handle.click();
      await expect(sheet).toHaveAttribute('data-sheet', 'half');
      // Half the screen: the diagram still has room above it.
      await expect
        .poll(async () => Math.round((((await sheet.boundingBox())?.y ?? 0) / size.height) * 10))
        .toBe(5);
      await expect(page.getByTestId('node-user')).toBeInViewport();

      // Dragging the handle up opens it fully; Escape lowers it to the strip.
      const box = await page.getByRole('button', { name: 'Lower the panel' }).boundingBox();
      if (!box) throw new Error('no handle');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2, 80, { steps: 8 });
      await page.mouse.up();
      await expect(sheet).toHaveAttribute('data-sheet', 'full');
      await page.keyboard.press('Escape');
      await expect(sheet).toHaveAttribute('data-sheet', 'peek');

      // Tapping a card opens its details in the sheet (once the sheet is down, out of its way).
      await expect
        .poll(async () => (await sheet.boundingBox())?.y ?? 0)
        .toBeGreaterThan(size.height - 80);
      await page.getByTestId('node-topic').click();
      await expect(sheet).toHaveAttribute('data-sheet', 'half');
      await expect(page.locator('#side-panel')).toContainText('SNS');
    });
  });
}
