import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.js';

/** Headless Chromium driven from Node, for whole pages: real navigation, CSP, storage. */
export function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: run npm test (it finds or installs one) or set CHROME_PATH.');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}
