import { describe, expect, it } from 'vitest';

describe('browser test server', () => {
  it("serves the kit and the mock on the page's own origin", async () => {
    const nonce = await fetch('/api/trusset/nonce').then((r) => r.json());
    const links = await fetch('/__mock/links').then((r) => r.json());

    expect(nonce.data.nonce).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(Array.isArray(links)).toBe(true);
  });
});
