import { playwright } from '@vitest/browser-playwright';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.js';
import { testBackend } from './test/support/test-backend-plugin.js';

/**
 * Both browser projects: headless Chromium through Playwright (scripts/chromium.ts finds it). A
 * fresh object for each: vitest names the project's browser instances in place.
 */
const chromium = () => ({
  enabled: true,
  headless: true,
  screenshotFailures: false,
  provider: playwright({ launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS } }),
  instances: [{ browser: 'chromium' as const }],
  api: { host: '127.0.0.1' },
});

/** What both browser projects' pages import, pre-bundled up front: otherwise the first run reloads the page while Vite discovers them. */
const PREBUNDLED = ['@wagmi/core', '@wagmi/connectors', 'viem', 'viem/accounts', 'viem/actions', 'viem/chains', 'viem/siwe', 'lit', 'lit/decorators.js', 'lit/directives/if-defined.js', 'zod/mini'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/node/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/package/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', '**/node_modules/**'],
          testTimeout: 20_000,
        },
      },
      {
        // The kit and the mock run inside the test page's own server: same origin, real HTTP.
        plugins: [testBackend()],
        optimizeDeps: { include: [...PREBUNDLED, '@web3modal/wagmi', 'axe-core'] },
        test: {
          name: 'browser',
          include: ['src/**/*.browser.test.ts', 'test/browser/**/*.test.ts'],
          testTimeout: 30_000,
          // One page at a time: the tests share one mock and one wallet connection per page.
          fileParallelism: false,
          browser: chromium(),
        },
      },
      {
        // The React wrapper's browser test again, on React 19 from its own folder (`npm ci --prefix
        // test/react19`): beside wagmi's React 18 peer it does not resolve in one tree (docs/testing.md).
        plugins: [testBackend()],
        resolve: {
          alias: {
            react: fileURLToPath(new URL('./test/react19/node_modules/react', import.meta.url)),
            'react-dom': fileURLToPath(new URL('./test/react19/node_modules/react-dom', import.meta.url)),
          },
        },
        optimizeDeps: { include: [...PREBUNDLED, '@lit/react'] },
        test: {
          name: 'browser-react19',
          include: ['test/browser/react.test.ts'],
          testTimeout: 30_000,
          fileParallelism: false,
          browser: chromium(),
        },
      },
    ],
  },
});
