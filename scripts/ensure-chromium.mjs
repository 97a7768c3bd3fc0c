// Makes sure the e2e tests have a browser. Never downloads Playwright's own build (that needs
// internet this project may not have); installs Debian's chromium with apt-get when running as
// root, and otherwise says exactly what to run.
import { execSync } from 'node:child_process';
import { findChromium } from './chromium-path.mjs';

let found = findChromium();
if (!found && process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
  process.exit(1);
}
if (!found && process.getuid?.() === 0) {
  console.log("No Chromium found: installing Debian's chromium with apt-get…");
  try {
    execSync(
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
      {
        stdio: 'inherit',
      },
    );
  } catch {
    // reported below
  }
  found = findChromium();
}
if (!found) {
  console.error(
    'No Chromium for the e2e tests. Install one and run again, e.g.\n' +
      '  sudo apt-get install -y chromium        (Debian/Ubuntu)\n' +
      'or point CHROMIUM_PATH at any Chromium or Chrome binary.',
  );
  process.exit(1);
}
console.log(`e2e browser: ${found}`);
