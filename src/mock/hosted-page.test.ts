import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MOCK_API_KEY, startMockTrusset, type RunningMockTrusset } from './index.js';

describe('mock Trusset API', () => {
  let mock: RunningMockTrusset;

  beforeAll(async () => {
    mock = await startMockTrusset();
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.reset());

  async function createLink(body: Record<string, unknown> = { email: 'ada@example.com' }) {
    const response = await fetch(`${mock.url}/customers/api/id-links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': MOCK_API_KEY },
      body: JSON.stringify(body),
    });
    const { data } = (await response.json()) as { data: { id: string; url?: string; verificationUrl?: string } };
    return { id: data.id, url: data.url ?? data.verificationUrl ?? '' };
  }

  async function statusOf(id: string): Promise<string> {
    const response = await fetch(`${mock.url}/customers/api/id-links/${id}`, { headers: { 'x-api-key': MOCK_API_KEY } });
    return ((await response.json()) as { data: { status: string } }).data.status;
  }

  /** Submits one of the page's forms as a browser would, without following the redirect. */
  async function submit(pageUrl: string, button: 'Approve' | 'Reject') {
    const html = await (await fetch(pageUrl)).text();
    const action = new RegExp(`<form method="post" action="([^"]+)"><button type="submit"[^>]*>${button}<`).exec(html)?.[1];
    if (action === undefined) throw new Error(`no ${button} form on the page`);
    return fetch(new URL(action, pageUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    });
  }

  describe('when the hosted page is opened', () => {
    it('shows a self-contained page with the mock banner, the link and its state', async () => {
      const link = await createLink();

      const response = await fetch(link.url);
      const html = await response.text();

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(html).toContain('<title>Trusset identity verification (mock)</title>');
      expect(html).toContain('Mock Trusset API — no real identity check');
      expect(html).toContain(link.id);
      expect(html).toMatch(/id="status" data-state="pending">pending</);
      expect(html).toContain('>Approve</button>');
      expect(html).toContain('>Reject</button>');
      expect(html).not.toMatch(/<script|<link|src=|https?:\/\//);
    });

    it('answers an unknown token with a 404 page', async () => {
      const response = await fetch(`${mock.url}/link/${'x'.repeat(32)}`);
      const html = await response.text();

      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(html).toContain('Link not found');
    });
  });

  describe('when the person approves', () => {
    it('redirects back with 303 and the API reads completed', async () => {
      const link = await createLink();

      const response = await submit(link.url, 'Approve');
      const page = await (await fetch(new URL(response.headers.get('location') ?? '', link.url))).text();

      expect(response.status).toBe(303);
      expect(new URL(response.headers.get('location') ?? '', link.url).href).toBe(link.url);
      expect(await statusOf(link.id)).toBe('completed');
      expect(page).toContain('data-state="completed"');
      expect(page).not.toContain('>Approve</button>');
    });

    it('reads COMPLETED for a newer-style link', async () => {
      const link = await createLink({ recipientEmail: 'ada@example.com' });

      await submit(link.url, 'Approve');

      expect(await statusOf(link.id)).toBe('COMPLETED');
    });
  });

  describe('when the person rejects', () => {
    it('redirects back with 303 and the API reads rejected', async () => {
      const link = await createLink();

      const response = await submit(link.url, 'Reject');

      expect(response.status).toBe(303);
      expect(await statusOf(link.id)).toBe('rejected');
    });
  });

  describe('when the link has expired', () => {
    it('offers no buttons and ignores a late form', async () => {
      const link = await createLink();
      const approveUrl = `${link.url}/approve`;
      mock.expire(link.id);

      const html = await (await fetch(link.url)).text();
      const late = await fetch(approveUrl, { method: 'POST', redirect: 'manual' });

      expect(html).toContain('link expired');
      expect(html).not.toContain('>Approve</button>');
      expect(late.status).toBe(303);
      expect(await statusOf(link.id)).toBe('pending');
    });
  });
});
