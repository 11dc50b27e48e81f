import type { MockFault, MockFaultRoute } from './faults.js';

/** Options of {@link createMockTrusset}. */
export interface MockTrussetOptions {
  /** Keys the mock accepts; default `[MOCK_API_KEY]`. */
  apiKeys?: string[];
  /** Budget per key for every keyed route but the status read; default 200 per 60 000 ms. */
  rateLimit?: { limit: number; windowMs: number };
  /** Budget per key for `GET /customers/api/id-links/{id}`; default 120 per 60 000 ms. */
  statusRateLimit?: { limit: number; windowMs: number };
  /** Countries refused with `403 COUNTRY_BLOCKED`, in any ISO 3166-1 form. */
  blockedCountries?: string[];
  /** Largest accepted request body; default 10 MB. */
  maxBodyBytes?: number;
  /** Origin (and optional path) of the hosted page in returned links; default: the request's origin. */
  verifyBaseUrl?: string;
  /** Clock in epoch milliseconds; default `Date.now`. */
  now?: () => number;
}

/** Style-neutral state of a link; each style spells it its own way in answers. */
export type MockLinkState = 'pending' | 'completed' | 'rejected' | 'revoked';

/** Field style the link was created with, which is also the style it is answered in. */
export type MockLinkStyle = 'reference' | 'newer';

/** A link as the mock stores it. */
export interface MockLink {
  /** `link_` and 12 base62 characters. */
  id: string;
  /** 32 base62 characters; the credential in the hosted-page URL. */
  token: string;
  /** Hosted-page URL: `{verifyBaseUrl}/link/{token}`. */
  url: string;
  /** Field style of the creating request. */
  style: MockLinkStyle;
  /** Current state. */
  state: MockLinkState;
  /** Instance reference of the key that created the link (its 8 characters after `trusset_`). */
  instanceRef: string;
  /** The creating request's body, as parsed. */
  body: Record<string, unknown>;
  /** Recipient e-mail, in either style. */
  email?: string;
  /** Recipient wallet, in either style. */
  walletAddress?: string;
  /** Recipient phone (newer style only). */
  phone?: string;
  /** Country as sent. */
  country?: string;
  /** Delivery channels (`channels` or `sendVia`). */
  channels?: string[];
  /** Investor type (newer style only; default `RETAIL`). */
  investorType?: string;
  /** Partner references (newer style only). */
  customerId?: string;
  referenceKey?: string;
  externalId?: string;
  /** Metadata as sent. */
  metadata?: Record<string, unknown>;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** One request to `/customers/api/*`, as recorded in {@link MockTrusset.calls}. */
export interface MockCall {
  method: string;
  path: string;
  body?: unknown;
  apiKey?: string;
  at: number;
  /** Status of the mock's answer, once given; 499 when the client went away first. */
  status?: number;
}

/** Options of {@link MockTrusset.injectFault}. */
export interface InjectFaultOptions {
  /** How many matching requests the fault answers; default 1. */
  times?: number;
  /** Which requests it answers; default `any`. */
  route?: MockFaultRoute;
}

/** The mock Trusset ID-link API: a Fetch handler plus controls for tests. */
export interface MockTrusset {
  /** Answers one request as Trusset would (also serves the hosted page and `/__mock/` control). */
  fetch(request: Request): Promise<Response>;
  /** Moves a pending link to completed, as if the person passed KYC. */
  approve(id: string): MockLink;
  /** Moves a pending or completed link to rejected. */
  reject(id: string): MockLink;
  /** Revokes a pending or completed link (`revoked` / `EXPIRED`). */
  revoke(id: string): MockLink;
  /** Puts `expiresAt` in the past without touching the status, as Trusset does. */
  expire(id: string): MockLink;
  /** Copies of all links, in creation order. */
  links(): MockLink[];
  /** Every request to `/customers/api/*`, oldest first; emptied in place by `reset()`. */
  readonly calls: MockCall[];
  /** Queues a fault for the next matching requests. */
  injectFault(fault: MockFault, options?: InjectFaultOptions): void;
  /** Forgets links, calls, queued faults and rate-limit windows. */
  reset(): void;
}
