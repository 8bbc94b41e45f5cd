/** Debian's Chromium driven by playwright-core, for the browser tests; they are skipped where it is missing, except in CI. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(executablePath);
if (!chromiumAvailable && process.env.CI) throw new Error(`Chromium is missing at ${executablePath}; .ci/run installs it with apt-get install -y chromium.`);

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
