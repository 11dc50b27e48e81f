import { statusOf, type LinkStore } from './links.js';
import type { MockLink } from './types.js';

const TITLE = 'Trusset identity verification (mock)';
const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // The page holds a credential (the token in its URL): no scripts, no framing, no referrer.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
};
const STYLE = `
body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1b1f24;background:#f4f5f7}
.banner{margin:0;padding:.75rem 1rem;background:#ffe08a;color:#4a3500;font-weight:600;text-align:center}
main{max-width:32rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 3px #0002}
h1{margin-top:0;font-size:1.4rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}
dt{font-weight:600}dd{margin:0}
.actions{display:flex;gap:.75rem;margin-top:1.5rem}
button{font:inherit;padding:.5rem 1.25rem;border:0;border-radius:.375rem;cursor:pointer;color:#fff;background:#1f7a3a}
.reject{background:#b42318}`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(status: number, body: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${TITLE}</title><style>${STYLE}</style></head><body><p class="banner" role="alert">Mock Trusset API — no real identity check</p><main>${body}</main></body></html>`;
  return new Response(html, { status, headers: HEADERS });
}

function linkPage(link: MockLink, now: number): Response {
  const expired = link.expiresAt <= now;
  const state = escapeHtml(statusOf(link) + (expired ? ' (link expired)' : ''));
  const token = escapeHtml(link.token);
  // Relative actions keep working wherever the mock is mounted.
  const actions =
    link.state === 'pending' && !expired
      ? `<div class="actions"><form method="post" action="${token}/approve"><button type="submit">Approve</button></form><form method="post" action="${token}/reject"><button type="submit" class="reject">Reject</button></form></div>`
      : '';
  return page(
    200,
    `<h1>Identity verification</h1><p>This mock stands in for Trusset's hosted KYC page: choose the outcome.</p><dl><dt>Link</dt><dd><code>${escapeHtml(link.id)}</code></dd><dt>Status</dt><dd id="status" data-state="${escapeHtml(link.state)}">${state}</dd><dt>Expires</dt><dd>${new Date(link.expiresAt).toISOString()}</dd></dl>${actions}`,
  );
}

/** Serves `/link/{token}` and its approve / reject forms; `undefined` for other paths. */
export function answerHostedPage(request: Request, path: string, store: LinkStore, now: number): Response | undefined {
  const match = /^\/link\/([^/]+)(?:\/(approve|reject))?$/.exec(path);
  if (match === null) return undefined;
  const [, token = '', action] = match;
  const link = store.byToken(token);
  const wanted = action === undefined ? 'GET' : 'POST';
  if (link === undefined || request.method !== wanted) {
    return page(404, '<h1>Link not found</h1><p>This verification link does not exist.</p>');
  }
  if (action === undefined) return linkPage(link, now);
  if (link.state === 'pending' && link.expiresAt > now) store.move(link, action === 'approve' ? 'approve' : 'reject');
  const location = new URL(request.url).pathname.replace(/\/(approve|reject)$/, '');
  return new Response(null, { status: 303, headers: { location } });
}
