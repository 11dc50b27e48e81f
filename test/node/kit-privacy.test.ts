import { afterEach, describe, expect, it } from 'vitest';
import { MOCK_API_KEY } from '../../src/mock/index.js';
import { startKit } from '../support/kit.js';

type Kit = Awaited<ReturnType<typeof startKit>>;
let kit: Kit | undefined;

afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

describe('trusset-verify-server privacy', () => {
  it('writes no API key, e-mail, signature, verification URL or status token in any log line, and the key in no answer', async () => {
    kit = await startKit({ upstreamTimeoutMs: 300 }, { blockedCountries: ['RU'] });
    const k = kit;
    const email = 'private.person@example.com';
    const answers: string[] = [];
    const secrets: string[] = [MOCK_API_KEY, email];
    const record = async (answer: Promise<{ text: string; json: any }>) => {
      const { text, json } = await answer;
      answers.push(text);
      return json;
    };

    const siwe = await k.client.signIn();
    secrets.push(siwe.signature);
    const created = await record(k.client.createLink({ siwe, idempotencyKey: 'privacy-0001', body: { email } }));
    secrets.push(created.data.url, created.data.statusToken, new URL(created.data.url).pathname.split('/').pop()!);
    await record(k.client.createLink({ siwe, idempotencyKey: 'privacy-0001', body: { email } }));
    await record(k.client.createLink({ siwe, idempotencyKey: 'privacy-0001', body: { email, country: 'FR' } }));
    await record(k.client.createLink({ body: { email, country: 'RU' } }));
    await record(k.client.createLink({ body: { email: `${email}@`, country: 'DE' } }));
    for (const fault of ['foreign-host', 'javascript-url', 'not-json', 'hang'] as const) {
      k.mock.injectFault(fault, { route: 'create' });
      await record(k.client.createLink({ body: { email } }));
    }
    k.mock.approve(created.data.id);
    await record(k.client.linkStatus(created.data.id, created.data.statusToken));
    await record(k.client.linkStatus(created.data.id, 'wrong'));

    const logText = JSON.stringify(k.logs);
    expect(k.logs.length).toBeGreaterThan(8);
    for (const secret of secrets) expect(logText).not.toContain(secret);
    for (const answer of answers) expect(answer).not.toContain(MOCK_API_KEY);
    // A refused URL is described by host and scheme, which help the partner, never by its path.
    expect(logText).toContain('host verify.evil.example');
    expect(logText).not.toContain('/link/');
    expect(logText).not.toContain('alert(');
  });
});
