import { z } from 'zod';
import { isAlpha2 } from '../shared/countries.js';
import { SIWE_STATEMENT } from '../shared/siwe.js';
import { normalizeVerifyHost } from '../shared/verify-url.js';
import type { TrussetLogger } from './logger.js';
import { isSiweStatement } from './siwe-message.js';
import type { TrussetStore } from './store.js';

const STORE_METHODS = ['get', 'set', 'setIfAbsent', 'take', 'delete', 'increment', 'addMember', 'removeMember'] as const satisfies readonly (keyof TrussetStore)[];

export type Channel = 'email' | 'sms';

/** What `authorize` learned about the caller: the partner's own reference for its customer. */
export interface AuthorizeResult {
  /** The partner's customer reference; sent to Trusset (`externalId`) and into the link's metadata. */
  customerRef: string;
  /** An e-mail the partner has verified for this customer; used instead of the one typed in. */
  email?: string;
}

export interface LinkCreatedEvent {
  id: string;
  walletAddress: string;
  /** The ISO 3166-1 code asked for; empty for a resumed link whose record predates resume. */
  country: string;
  status: string;
  expiresAt: string;
  createdAt: string | undefined;
  customerRef: string | undefined;
  /** True when an open link of the wallet was handed back instead of a new one (a resume included). */
  reused: boolean;
  /**
   * True when the widget resumed its own open link (the `resume` form of `POST /id-links`), false
   * otherwise. Always set by this version; optional in the type so that code written against
   * earlier versions (events built in tests, say) still compiles.
   */
  resumed?: boolean;
}

export interface LinkStatusEvent {
  id: string;
  status: string;
  previous: string;
  walletAddress: string;
  customerRef: string | undefined;
}

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface TrussetHandlerOptions {
  /** Trusset instance key (`trusset_{8 alphanumerics}_{64 hex}`), e.g. `process.env.TRUSSET_API_KEY`. */
  apiKey: string | undefined;
  /** Trusset's API origin; default `https://api.trusset.org` (`TRUSSET_API_BASE`). */
  apiBase?: string | undefined;
  /** The path the three routes live under, e.g. `/api/trusset`; default `''`. */
  basePath?: string;
  /** Exact origins of the pages that embed the widget, e.g. `https://app.example.com`. */
  allowedOrigins: string[];
  /** Extra request headers browsers may send (the widget's `headers` property), for CORS preflights. */
  allowedHeaders?: string[];
  /** The partner's own check of who is asking: a customer reference, or a falsy value to refuse. */
  authorize?: (request: Request) => Promise<AuthorizeResult | null | undefined | false> | AuthorizeResult | null | undefined | false;
  /** Serve callers nobody authorized. Only on purpose (a demo, an open sign-up); capped by `linksPerHour`. */
  allowAnonymous?: boolean;
  /** Global cap on links created per hour; default 100 with `allowAnonymous`, none otherwise. */
  linksPerHour?: number;
  /**
   * Sign-In with Ethereum. `domains` default to the hosts of `allowedOrigins`; `chainIds` to `[1]`;
   * `statement`, the sentence every message must carry, to the widget's (`SIWE_STATEMENT`): set it
   * only when your own front end writes the messages.
   */
  siwe?: { required?: boolean; domains?: string[]; chainIds?: number[]; statement?: string };
  /** JSON-RPC URL (or one per chain id) for smart-contract wallet signatures (EIP-1271/6492). */
  rpc?: string | Record<number, string>;
  /** Which of Trusset's two field styles to speak; default `reference`. */
  fieldStyle?: 'reference' | 'newer';
  /** Delivery channels: what Trusset gets by default, and which the browser may ask for. */
  channels?: { default?: Channel[]; allowed?: Channel[] };
  investorType?: string;
  expiryDays?: number;
  /** Hosts the verification URL may be on; default `verify.trusset.org`. */
  verifyHosts?: string[];
  /** ISO 3166-1 alpha-2 codes offered; default all. */
  countries?: string[];
  /** Server metadata attached to every link; wins over the browser's `metadata`. */
  metadata?: Record<string, unknown> | ((request: Request, auth: AuthorizeResult | undefined) => Record<string, unknown>);
  /**
   * Hand back a wallet's open, unexpired link instead of creating another; also lets the widget
   * resume that link after a reload (`POST /id-links` with `resume`).
   */
  reuseOpenLinks?: boolean;
  onLinkCreated?: (event: LinkCreatedEvent) => void | Promise<void>;
  onStatus?: (event: LinkStatusEvent) => void | Promise<void>;
  store?: TrussetStore;
  logger?: TrussetLogger;
  /** Read the client address from `X-Forwarded-For`: `true` trusts one proxy hop, a number that many. */
  trustProxy?: boolean | number;
  rateLimits?: { nonce?: RateLimit; create?: RateLimit; status?: RateLimit };
  /** Largest request body read, in bytes; default 16 KB. */
  maxBodyBytes?: number;
  /** How long a request body may take to arrive, in milliseconds; default 10 s. */
  bodyTimeoutMs?: number;
  /** How long Trusset may take; default 10 s. */
  upstreamTimeoutMs?: number;
  /** Secret for the idempotency records' HMAC; default derived from `apiKey`. */
  idempotencySecret?: string;
  fetch?: typeof fetch;
  now?: () => number;
}

/** The handler's options could not be used; `option` names the one at fault. */
export class TrussetConfigError extends Error {
  override name = 'TrussetConfigError';
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(`trusset-verify-server: options.${option} ${message}`);
  }
}

const API_KEY = /^trusset_[A-Za-z0-9]{8}_[0-9a-f]{64}$/;
const CHANNEL = z.enum(['email', 'sms']);
const RATE_LIMIT = z.object({ limit: z.number().int().positive(), windowMs: z.number().int().positive() });

function originOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

const schema = z.object({
  apiBase: z.url({ protocol: /^https?$/ }).optional(),
  basePath: z
    .string()
    .regex(/^(\/[A-Za-z0-9._~-]+)*$/, 'a path such as /api/trusset, without a trailing slash')
    .optional(),
  allowedOrigins: z
    .array(z.string().refine((value) => originOf(value) !== undefined, 'an exact origin such as https://app.example.com (scheme, host, port; no path, no *)'))
    .min(1, 'at least one origin, e.g. ["https://app.example.com"]'),
  allowedHeaders: z.array(z.string().regex(/^[A-Za-z0-9-]+$/)).optional(),
  allowAnonymous: z.boolean().optional(),
  linksPerHour: z.number().int().positive().optional(),
  siwe: z
    .object({
      required: z.boolean().optional(),
      domains: z
        .array(z.string().refine((value) => normalizeVerifyHost(value) === value.toLowerCase(), 'a host such as app.example.com'))
        .min(1)
        .optional(),
      chainIds: z.array(z.number().int().positive()).min(1).optional(),
      statement: z.string().min(1).max(512).refine(isSiweStatement, 'one line of ASCII letters, digits, spaces and RFC 3986 punctuation (EIP-4361 "statement")').optional(),
    })
    .optional(),
  rpc: z.union([z.url({ protocol: /^https?$/ }), z.record(z.string().regex(/^\d+$/), z.url({ protocol: /^https?$/ }))]).optional(),
  fieldStyle: z.enum(['reference', 'newer']).optional(),
  channels: z.object({ default: z.array(CHANNEL).optional(), allowed: z.array(CHANNEL).optional() }).optional(),
  investorType: z
    .string()
    .regex(/^(RETAIL|PROFESSIONAL|ELIGIBLE_COUNTERPARTY|[a-z][a-z0-9_-]{0,63})$/, 'RETAIL, PROFESSIONAL, ELIGIBLE_COUNTERPARTY or a lowercase profile key')
    .optional(),
  expiryDays: z.number().int().min(1).max(365).optional(),
  verifyHosts: z
    .array(z.string().refine((value) => normalizeVerifyHost(value) !== undefined, 'a host such as verify.trusset.org'))
    .min(1)
    .optional(),
  countries: z.array(z.string().refine(isAlpha2, 'an upper-case ISO 3166-1 alpha-2 code such as DE')).min(1).optional(),
  reuseOpenLinks: z.boolean().optional(),
  trustProxy: z.union([z.boolean(), z.number().int().min(0)]).optional(),
  rateLimits: z.object({ nonce: RATE_LIMIT.optional(), create: RATE_LIMIT.optional(), status: RATE_LIMIT.optional() }).optional(),
  maxBodyBytes: z.number().int().min(1024).max(1_048_576).optional(),
  bodyTimeoutMs: z.number().int().min(100).max(60_000).optional(),
  upstreamTimeoutMs: z.number().int().positive().max(60_000).optional(),
  idempotencySecret: z.string().min(32, 'at least 32 characters').optional(),
});

export interface ResolvedOptions {
  apiKey: string;
  apiBase: string;
  basePath: string;
  allowedOrigins: ReadonlySet<string>;
  allowedHeaders: string[];
  authorize: TrussetHandlerOptions['authorize'];
  linksPerHour: number | undefined;
  siweRequired: boolean;
  siweDomains: string[];
  siweStatement: string;
  chainIds: number[];
  rpc: ReadonlyMap<number, string>;
  fieldStyle: 'reference' | 'newer';
  defaultChannels: Channel[];
  allowedChannels: ReadonlySet<Channel>;
  investorType: string | undefined;
  expiryDays: number | undefined;
  verifyHosts: string[];
  countries: ReadonlySet<string> | undefined;
  metadata: TrussetHandlerOptions['metadata'];
  reuseOpenLinks: boolean;
  onLinkCreated: TrussetHandlerOptions['onLinkCreated'];
  onStatus: TrussetHandlerOptions['onStatus'];
  trustProxyHops: number;
  rateLimits: { nonce: RateLimit; create: RateLimit; status: RateLimit };
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  upstreamTimeoutMs: number;
  idempotencySecret: string;
  fetch: typeof fetch;
  now: () => number;
}

const functionOptions = ['authorize', 'onLinkCreated', 'onStatus', 'fetch', 'now'] as const;

/** Checks every option once, when the handler is made, so that a mistake fails at start-up. */
export function resolveOptions(options: TrussetHandlerOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw new TrussetConfigError('', 'must be an object');
  const { apiKey } = options;
  if (apiKey === undefined || apiKey === '') {
    throw new TrussetConfigError('apiKey', 'is missing: set TRUSSET_API_KEY in the server environment and pass apiKey: process.env.TRUSSET_API_KEY');
  }
  if (typeof apiKey !== 'string' || !API_KEY.test(apiKey)) {
    // The key is a secret: say what was expected, never echo what came.
    throw new TrussetConfigError('apiKey', `must look like trusset_{8 alphanumerics}_{64 hex} (81 characters); got ${typeof apiKey === 'string' ? `${apiKey.length} characters` : typeof apiKey}`);
  }
  for (const name of functionOptions) {
    if (options[name] !== undefined && typeof options[name] !== 'function') throw new TrussetConfigError(name, `must be a function; got ${typeof options[name]}`);
  }
  if (options.metadata !== undefined && typeof options.metadata !== 'function' && (typeof options.metadata !== 'object' || options.metadata === null || Array.isArray(options.metadata))) {
    throw new TrussetConfigError('metadata', 'must be an object or a function returning one');
  }
  if (options.store !== undefined) {
    // A store written before addMember existed fails here, at start-up, rather than at the first nonce.
    const missing = STORE_METHODS.filter((method) => typeof options.store?.[method] !== 'function');
    if (missing.length) throw new TrussetConfigError('store', `must implement TrussetStore (missing ${missing.join(', ')})`);
  }
  const parsed = schema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String).join('.');
    throw new TrussetConfigError(path, `is not valid: expected ${issue.message}`);
  }
  const o = parsed.data;
  if (!options.authorize && !o.allowAnonymous) {
    throw new TrussetConfigError('authorize', "is missing: pass authorize(request) returning the caller's customer reference, or set allowAnonymous: true on purpose");
  }
  const siweRequired = o.siwe?.required ?? true;
  if (!siweRequired && o.allowAnonymous) {
    throw new TrussetConfigError('siwe.required', 'can be false only with authorize: without a signature or a partner session, anyone could name any wallet');
  }
  const origins = o.allowedOrigins.map((value) => originOf(value)!);
  const channelsAllowed = new Set<Channel>(o.channels?.allowed ?? []);
  return {
    apiKey,
    apiBase: (o.apiBase ?? 'https://api.trusset.org').replace(/\/+$/, ''),
    basePath: o.basePath ?? '',
    allowedOrigins: new Set(origins),
    allowedHeaders: o.allowedHeaders ?? [],
    authorize: options.authorize,
    linksPerHour: o.linksPerHour ?? (o.allowAnonymous ? 100 : undefined),
    siweRequired,
    siweDomains: (o.siwe?.domains ?? origins.map((origin) => new URL(origin).host)).map((host) => host.toLowerCase()),
    siweStatement: o.siwe?.statement ?? SIWE_STATEMENT,
    chainIds: o.siwe?.chainIds ?? [1],
    rpc: new Map(o.rpc === undefined ? [] : typeof o.rpc === 'string' ? (o.siwe?.chainIds ?? [1]).map((id) => [id, o.rpc as string]) : Object.entries(o.rpc).map(([id, url]) => [Number(id), url])),
    fieldStyle: o.fieldStyle ?? 'reference',
    defaultChannels: o.channels?.default ?? [],
    allowedChannels: channelsAllowed,
    investorType: o.investorType,
    expiryDays: o.expiryDays,
    verifyHosts: (o.verifyHosts ?? ['verify.trusset.org']).map((host) => normalizeVerifyHost(host)!),
    countries: o.countries ? new Set(o.countries) : undefined,
    metadata: options.metadata,
    reuseOpenLinks: o.reuseOpenLinks ?? false,
    onLinkCreated: options.onLinkCreated,
    onStatus: options.onStatus,
    trustProxyHops: o.trustProxy === true ? 1 : typeof o.trustProxy === 'number' ? o.trustProxy : 0,
    rateLimits: {
      nonce: o.rateLimits?.nonce ?? { limit: 30, windowMs: 60_000 },
      create: o.rateLimits?.create ?? { limit: 10, windowMs: 60_000 },
      status: o.rateLimits?.status ?? { limit: 60, windowMs: 60_000 },
    },
    maxBodyBytes: o.maxBodyBytes ?? 16_384,
    bodyTimeoutMs: o.bodyTimeoutMs ?? 10_000,
    upstreamTimeoutMs: o.upstreamTimeoutMs ?? 10_000,
    // Deriving from the key keeps records valid across machines that share a store, with nothing more to set.
    idempotencySecret: o.idempotencySecret ?? `trusset-verify idempotency:${apiKey}`,
    fetch: options.fetch ?? globalThis.fetch,
    now: options.now ?? Date.now,
  };
}
