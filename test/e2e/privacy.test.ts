import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCdn } from '../../scripts/build-cdn.js';
import { launchChromium } from '../support/chromium.js';
import { classicScript, startSelfHostedSite, type SelfHostedSite } from '../support/strict-site.js';

/**
 * The whole flow once, on the built-in wallet list, with everything the page could leak through
 * recorded; each test then looks at one way out.
 */

const EMAIL = 'privacy-probe-5c1e@example.com';
/** Logged by an init script on every page: proves every level of the console is recorded. */
const CONSOLE_PROBE = 'trusset-test: console recorded';

interface Snapshot {
  at: string;
  url: string;
  localStorage: Record<string, string>;
  sessionStorage: Record<string, string>;
  cookie: string;
}

interface SeenRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  navigation: boolean;
}

let tmp: string;
let site: SelfHostedSite;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleLines: string[] = [];
const requests: SeenRequest[] = [];
const snapshots: Snapshot[] = [];
const cookieJars: string[] = [];
let databases: unknown[];
let secrets: { email: string; signature: string; url: string; statusToken: string };
let post: SeenRequest;
let postAnswer: string;

/** Storage and cookies of the document it runs in; a function Playwright serialises into the page. */
function readStorage(at: string): Snapshot {
  const dump = (storage: Storage) => Object.fromEntries(Object.keys(storage).map((key) => [key, storage.getItem(key) ?? '']));
  return { at, url: location.href, localStorage: dump(localStorage), sessionStorage: dump(sessionStorage), cookie: document.cookie };
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'trusset-verify-privacy-'));
  const cdn = await buildCdn({ outDir: join(tmp, 'cdn'), logLevel: 'error' });
  let wallet: string;
  [site, browser, wallet] = await Promise.all([startSelfHostedSite(cdn.outDir, { separateCdn: true }), launchChromium(), classicScript('./cdn-page-wallet.ts')]);

  context = await browser.newContext();
  await context.addInitScript({ content: wallet });
  // Storage at the moment the link exists and just before the navigation, which a later read
  // could no longer see on this origin.
  await context.exposeBinding('__trussetSnapshot', (_source, snapshot: Snapshot) => void snapshots.push(snapshot));
  await context.addInitScript(`{
    const snapshot = ${readStorage.toString()};
    for (const type of ['trusset-link-created', 'trusset-redirect']) document.addEventListener(type, () => window.__trussetSnapshot(snapshot(type)), true);
    console.debug(${JSON.stringify(CONSOLE_PROBE)});
  }`);
  const pending: Promise<unknown>[] = [];
  context.on('console', (message) => {
    pending.push(
      Promise.all(
        message.args().map((arg) =>
          arg.jsonValue().then(
            (value) => JSON.stringify(value),
            () => String(arg),
          ),
        ),
      ).then((args) => consoleLines.push(`${message.type()}: ${message.text()} ${args.join(' ')}`)),
    );
  });
  context.on('request', (request: Request) => {
    pending.push(
      request.allHeaders().then((headers) => requests.push({ url: request.url(), method: request.method(), headers, body: request.postData() ?? '', navigation: request.isNavigationRequest() })),
    );
  });
  page = await context.newPage();

  await page.goto(
    site.page(`<script type="module" src="${site.cdnUrl}/cdn/trusset-verify.js" crossorigin="anonymous"></script>
<trusset-verify endpoint="/api/trusset" verify-hosts="${new URL(site.mock.url).host}"></trusset-verify>`),
  );
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await page.getByLabel('E-mail').waitFor();
  snapshots.push(await page.evaluate(readStorage, 'connected'));
  cookieJars.push(JSON.stringify(await context.cookies()));
  await page.getByLabel('E-mail').fill(EMAIL);
  await page.getByLabel('Country of residence').selectOption('DE');
  snapshots.push(await page.evaluate(readStorage, 'typed'));
  await page.getByRole('button', { name: 'Verify identity' }).click();
  await page.waitForURL(`${site.mock.url}/link/**`);
  await page.waitForLoadState('load');
  snapshots.push(await page.evaluate(readStorage, 'verification page'));
  cookieJars.push(JSON.stringify(await context.cookies()), JSON.stringify(await context.storageState()));
  // Back on the partner's page, whose session storage a tab keeps.
  await page.goBack();
  await page.getByRole('button', { name: /Connect wallet|Verify identity/ }).waitFor();
  snapshots.push(await page.evaluate(readStorage, 'back'));
  databases = await page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name));
  await Promise.all(pending);

  post = requests.find((request) => request.method === 'POST' && request.url === `${site.url}/api/trusset/id-links`)!;
  postAnswer = site.answers.find((answer) => answer.method === 'POST' && answer.url === post.url)!.body;
  const created = JSON.parse(postAnswer).data as { url: string; statusToken: string };
  secrets = { email: EMAIL, signature: (JSON.parse(post.body) as { siwe: { signature: string } }).siwe.signature, url: created.url, statusToken: created.statusToken };
}, 300_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Which secrets `text` holds, as written or URL-encoded. */
function leaked(text: string): string[] {
  return Object.entries(secrets)
    .filter(([, secret]) => [secret, encodeURIComponent(secret)].some((form) => text.includes(form)))
    .map(([name]) => name);
}

/** The requests of the partner's page: everything up to and including the navigation to Trusset. */
function partnerPageRequests(): SeenRequest[] {
  const navigation = requests.findIndex((request) => request.navigation && request.url === secrets.url);
  return requests.slice(0, navigation + 1);
}

describe("the whole flow, for the user's privacy", () => {
  it('sends the e-mail and signature in the POST to the backend, and gets the URL and status token in its answer', () => {
    expect(leaked(post.body)).toEqual(['email', 'signature']);
    expect(leaked(postAnswer)).toEqual(['url', 'statusToken']);
    expect(secrets.url.startsWith(`${site.mock.url}/link/`)).toBe(true);
    expect(secrets.signature).toMatch(/^0x[0-9a-f]{130}$/);
  });

  it('puts none of them in any other request, header or answer of the kit, and the URL only in the navigation to it', () => {
    const others = partnerPageRequests().filter((request) => request !== post);
    const navigation = others.filter((request) => request.url === secrets.url);

    expect(navigation).toHaveLength(1);
    expect(navigation.map((request) => leaked(JSON.stringify({ ...request, url: '' })))).toEqual([[]]);
    expect(others.filter((request) => request.url !== secrets.url).filter((request) => leaked(JSON.stringify(request)).length > 0)).toEqual([]);
    expect(leaked(JSON.stringify(post.headers))).toEqual([]);
    expect(site.answers.filter((answer) => answer.body !== postAnswer).filter((answer) => leaked(JSON.stringify(answer)).length > 0)).toEqual([]);
  });

  it("puts none of them in a URL's query string", () => {
    const queries = requests.map((request) => new URL(request.url).search).filter((search) => search !== '');
    const pageUrls = snapshots.filter((snapshot) => snapshot.at !== 'verification page').map((snapshot) => snapshot.url);

    expect(queries.filter((search) => leaked(search).length > 0)).toEqual([]);
    expect(pageUrls.filter((url) => leaked(url).length > 0)).toEqual([]);
  });

  it('writes none of them to the console, at any level', () => {
    expect(consoleLines).toContain(`debug: ${CONSOLE_PROBE} "${CONSOLE_PROBE}"`);
    expect(consoleLines.filter((line) => leaked(line).length > 0)).toEqual([]);
  });

  it('stores none of them in localStorage, sessionStorage or a cookie, before, at or after the navigation', () => {
    expect(snapshots.map((snapshot) => snapshot.at)).toEqual(['connected', 'typed', 'trusset-link-created', 'trusset-redirect', 'verification page', 'back']);
    // The verification page's own address is the URL; what is stored there is what counts. The one
    // exception is the saved link for resuming: the status token, under its own key only.
    expect(
      snapshots
        .filter((snapshot) => leaked(JSON.stringify({ ...snapshot, url: '', sessionStorage: { ...snapshot.sessionStorage, 'trusset-verify.link': '' } })).length > 0)
        .map((snapshot) => snapshot.at),
    ).toEqual([]);
    const savedLinks = snapshots.map((snapshot) => snapshot.sessionStorage['trusset-verify.link']).filter((value) => value !== undefined);
    expect(savedLinks.length).toBeGreaterThan(0);
    for (const value of savedLinks) {
      expect(leaked(value!)).toEqual(['statusToken']);
      expect(Object.keys(JSON.parse(value!) as object).sort()).toEqual(['expiresAt', 'linkId', 'statusToken', 'wallet']);
    }
    expect(cookieJars.filter((jar) => leaked(jar).length > 0)).toEqual([]);
  });

  it("writes none of them to the kit's log", () => {
    expect(site.logs.length).toBeGreaterThan(0);
    expect(site.logs.filter((line) => leaked(JSON.stringify(line)).length > 0)).toEqual([]);
  });

  it("contacts only the partner's origin and the CDN's before sending the user to Trusset", () => {
    const origins = new Set(
      partnerPageRequests()
        .filter((request) => !request.url.startsWith('data:'))
        .map((request) => new URL(request.url).origin),
    );

    expect(site.cdnUrl).not.toBe(site.url);
    expect([...origins].sort()).toEqual([site.cdnUrl, site.url, site.mock.url].sort());
    expect(
      partnerPageRequests()
        .filter((request) => new URL(request.url).origin === site.mock.url)
        .map((request) => request.url),
    ).toEqual([secrets.url]);
  });

  it('writes exactly the session storage keys docs/element.md lists, and nothing to localStorage, cookies or IndexedDB', () => {
    const partnerSnapshots = snapshots.filter((snapshot) => new URL(snapshot.url).origin === site.url);
    const sessionKeys = [...new Set(partnerSnapshots.flatMap((snapshot) => Object.keys(snapshot.sessionStorage)))].sort();

    console.log(`Session storage keys written: ${sessionKeys.join(', ')}`);
    expect(sessionKeys).toEqual(['trusset-verify.link', 'trusset-verify.recentConnectorId', 'trusset-verify.store']);
    expect(partnerSnapshots.map((snapshot) => snapshot.at)).toEqual(['connected', 'typed', 'trusset-link-created', 'trusset-redirect', 'back']);
    expect(partnerSnapshots.flatMap((snapshot) => Object.keys(snapshot.localStorage))).toEqual([]);
    expect(partnerSnapshots.map((snapshot) => snapshot.cookie).filter(Boolean)).toEqual([]);
    expect(databases).toEqual([]);
    expect(cookieJars.slice(0, 2).map((jar) => JSON.parse(jar) as unknown)).toEqual([[], []]);
  });
});
