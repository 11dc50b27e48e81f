import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function runScript(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node_modules/.bin/tsx', ['scripts/try-link.ts'], { cwd: root, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

describe('npm run try (scripts/try-link.ts)', () => {
  it('walks through nonce, create and status against the mock, prints a local verification URL and exits 0', async () => {
    const { code, stdout, stderr } = await runScript();

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/GET {2}\/nonce +nonce [A-Za-z0-9]{32}/);
    expect(stdout).toMatch(/POST \/id-links +201: link link_\w+, status pending/);
    const url = /verification URL +(\S+)/.exec(stdout)?.[1];
    expect(url && new URL(url).hostname).toBe('127.0.0.1');
    expect(stdout).toMatch(/GET {2}\/id-links\/link_\w+ +200: status pending/);
  }, 40_000);
});
