import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium.js';
import { startDemo } from './demo-server.js';

/** `npm run demo`'s server and a Chromium for one test file: started before its tests, stopped after them. */
export function demoPerFile(): { demo: Awaited<ReturnType<typeof startDemo>>; browser: Browser } {
  const running = {} as { demo: Awaited<ReturnType<typeof startDemo>>; browser: Browser };
  beforeAll(async () => {
    [running.demo, running.browser] = await Promise.all([startDemo(), launchChromium()]);
  }, 60_000);
  afterAll(async () => {
    await running.browser?.close();
    await running.demo?.close();
  });
  return running;
}
