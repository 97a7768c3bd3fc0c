/** Flags that keep headless Chromium quiet on a machine with no network but loopback. */
export const CHROMIUM_ARGS: string[];
/** CHROMIUM_PATH, Playwright's own browser, or /usr/bin/chromium; undefined when none exists. */
export function findChromium(): string | undefined;
