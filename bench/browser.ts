/**
 * Frames per second of the message layer in headless Chromium: builds the site, serves it with
 * `vite preview` on 127.0.0.1, opens `index.html?bench=dots&n=N` and reads `window.__fps`, which
 * the app measures over its last frames. Stops the server afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium-path.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4318);

async function waitForServer(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} did not start`);
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: 'ignore' });
    p.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`)),
    );
  });
}

/** Returns printable lines: FPS for 1,000 and 10,000 messages in flight. */
export async function benchBrowser(): Promise<string[]> {
  const executablePath = findChromium();
  if (!executablePath) return ['no Chromium found (set CHROMIUM_PATH or install chromium)'];
  await run('npx', ['vite', 'build', '--logLevel', 'error']);
  let server: ChildProcess | undefined;
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    server = spawn(
      'npx',
      ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
      { stdio: 'ignore', detached: true },
    );
    const base = `http://127.0.0.1:${PORT}/`;
    await waitForServer(base, 30_000);
    const lines: string[] = [];
    for (const [n, target] of [
      [1000, '60'],
      [10000, '>= 30'],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(`${base}index.html?pattern=message-decoupling-sqs&bench=dots&n=${n}`);
      await page.waitForFunction(
        () => typeof (window as unknown as { __fps?: number }).__fps === 'number',
        null,
        { timeout: 30_000 },
      );
      await page.waitForTimeout(5000);
      const fps = await page.evaluate(() => (window as unknown as { __fps: number }).__fps);
      const drawn = await page.evaluate(
        () => (window as unknown as { __dotsDrawn?: number }).__dotsDrawn ?? NaN,
      );
      const drawMs = await page.evaluate(
        () => (window as unknown as { __drawMs?: number }).__drawMs ?? NaN,
      );
      lines.push(
        `${String(n).padStart(6)} messages in flight: ${fps.toFixed(1)} fps (target ${target}; dots drawn per frame: ${drawn}; drawing them: ${drawMs.toFixed(2)} ms a frame)`,
      );
      await page.close();
    }
    const load = (await import('node:os')).loadavg()[0] ?? 0;
    lines.push(
      `(headless Chromium, software rendering, no GPU; requestAnimationFrame is capped at 60 fps; load average ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} cores: fps fall with it)`,
    );
    return lines;
  } finally {
    await browser.close();
    if (server?.pid) {
      try {
        process.kill(-server.pid);
      } catch {
        server.kill();
      }
    }
  }
}
