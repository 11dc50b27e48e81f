import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

// The figures are timings and vary from machine to machine; what must not rot is that every one
// of them is still measured and printed.
describe('npm run bench', () => {
  it('prints every figure for the widget beside the baseline, from one run', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [`${root}node_modules/tsx/dist/cli.mjs`, 'scripts/bench.ts', '--runs', '1'], { cwd: root, timeout: 150_000 });

    const rows = stdout.split('\n');
    expect(rows[0]).toMatch(/^trusset-verify bench: headless Chromium, 4x CPU throttling, median of 1 run /);
    for (const row of [
      'script time (page load, until the network is idle)',
      'first render (navigation start to Connect button)',
      'Connect click to wallet list: built-in list',
      'Connect click to wallet list: Web3Modal, no prefetch',
      'Connect click to wallet list: Web3Modal, prefetched',
    ]) {
      const line = rows.find((each) => each.startsWith(row));
      expect(line, row).toMatch(/\s\d+ ms\s+\d+ ms$/);
    }
  }, 160_000);
});
