import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
let out: string | undefined;

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

/** Width and height from a PNG's IHDR chunk, which the format puts first. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${root}node_modules/tsx/dist/cli.mjs`, 'scripts/screenshot.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('npm run screenshot', () => {
  it('writes the four README pictures, at twice their CSS width, into --out', async () => {
    out = await mkdtemp(join(tmpdir(), 'trusset-screenshots-'));

    const { code, output } = await run(['--out', out]);

    expect(code, output).toBe(0);
    const sizes = Object.fromEntries(
      await Promise.all(['widget-light.png', 'widget-dark.png', 'widget-partner-theme.png', 'widget-phone.png'].map(async (file) => [file, pngSize(await readFile(join(out!, file))).width] as const)),
    );
    // The element is 28rem (448 px) wide in the demo; the partner shot adds 24 px of page around it; the phone is 360 px.
    expect(sizes).toEqual({ 'widget-light.png': 896, 'widget-dark.png': 896, 'widget-partner-theme.png': 992, 'widget-phone.png': 720 });
    expect(output).toContain(`wrote ${join(out, 'widget-phone.png')}`);
  }, 120_000);
});
