import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function runLoad(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node_modules/.bin/tsx', ['scripts/load.ts', ...args], { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;

function routeLine(stdout: string, route: string) {
  const escaped = route.replace(/[()/{}]/g, (c) => `\\${c}`);
  const match = new RegExp(`^${escaped} +(\\d+) +${NUMBER} +${NUMBER} +${NUMBER}  (.+)$`, 'm').exec(stdout);
  if (!match) return undefined;
  const [, requests, perSecond, p50, p99, answers] = match;
  return { requests: Number(requests), perSecond: Number(perSecond), p50: Number(p50), p99: Number(p99), answers };
}

describe('npm run load (scripts/load.ts)', () => {
  it('runs clients and an abuser against the kit and the mock, prints numeric figures per route and exits 0 with only the intended 429s', async () => {
    const { code, stdout, stderr } = await runLoad('--clients', '4', '--seconds', '2');

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    for (const route of ['GET /nonce', 'POST /id-links', 'GET /id-links/{id}']) {
      const line = routeLine(stdout, route);
      expect(line, route).toBeDefined();
      expect(line!.requests).toBeGreaterThan(0);
      expect(line!.perSecond).toBeGreaterThan(0);
      expect(line!.p99).toBeGreaterThanOrEqual(line!.p50);
      expect(line!.answers).toMatch(/^20[01] ×\d+$/);
    }
    const abusers = routeLine(stdout, 'GET /nonce (abusers)');
    expect(abusers?.answers).toMatch(/^200 ×30, 429 RATE_LIMITED ×\d+$/);
    const [, created, distinct, calls] = /^links created: (\d+); distinct links answered, warm-up included: (\d+) \(Trusset create calls: (\d+)/m.exec(stdout) ?? [];
    expect(Number(created)).toBe(routeLine(stdout, 'POST /id-links')!.requests);
    expect(Number(distinct)).toBe(Number(created) + 1);
    expect(Number(calls)).toBe(Number(distinct));
    expect(Number(/^intended 429s \(abusers\): (\d+)$/m.exec(stdout)?.[1])).toBeGreaterThan(0);
    expect(stdout).toMatch(/^unintended errors: 0$/m);
  }, 90_000);
});
