import { describe, expect, it } from 'vitest';
import { createTrussetHandler, TrussetConfigError, type TrussetHandlerOptions } from './index.js';

// Built at run time so that no string in the repository looks like a real key.
const KEY = ['trusset', 'abcd1234', 'ef'.repeat(32)].join('_');
const VALID: TrussetHandlerOptions = { apiKey: KEY, allowedOrigins: ['https://app.example.com'], allowAnonymous: true };

function configError(options: unknown): TrussetConfigError {
  try {
    createTrussetHandler(options as TrussetHandlerOptions);
  } catch (error) {
    if (error instanceof TrussetConfigError) return error;
    throw error;
  }
  throw new Error('expected a TrussetConfigError');
}

describe('createTrussetHandler options', () => {
  it('accepts a minimal valid configuration', () => {
    expect(typeof createTrussetHandler(VALID)).toBe('function');
  });

  it('says to set TRUSSET_API_KEY when the key is missing', () => {
    const error = configError({ ...VALID, apiKey: undefined });

    expect(error.option).toBe('apiKey');
    expect(error.message).toMatchInlineSnapshot(`"trusset-verify-server: options.apiKey is missing: set TRUSSET_API_KEY in the server environment and pass apiKey: process.env.TRUSSET_API_KEY"`);
  });

  it('refuses a malformed key without echoing it', () => {
    const secret = `${KEY}x`;

    const error = configError({ ...VALID, apiKey: secret });

    expect(error.option).toBe('apiKey');
    expect(error.message).not.toContain(secret.slice(8));
    expect(error.message).toContain('82 characters');
  });

  it('requires authorize unless allowAnonymous is set on purpose', () => {
    const error = configError({ apiKey: KEY, allowedOrigins: ['https://app.example.com'] });

    expect(error.option).toBe('authorize');
    expect(error.message).toContain('allowAnonymous: true');
  });

  it.each([
    ['allowedOrigins.0', { allowedOrigins: ['*'] }],
    ['allowedOrigins.0', { allowedOrigins: ['https://app.example.com/'] }],
    ['allowedOrigins', { allowedOrigins: [] }],
    ['basePath', { basePath: 'api/trusset/' }],
    ['verifyHosts.0', { verifyHosts: ['https://verify.trusset.org'] }],
    ['countries.0', { countries: ['de'] }],
    ['expiryDays', { expiryDays: 400 }],
    ['investorType', { investorType: 'Retail' }],
    ['fieldStyle', { fieldStyle: 'legacy' }],
    ['siwe.chainIds.0', { siwe: { chainIds: [0] } }],
    ['siwe.required', { siwe: { required: false } }],
    ['siwe.statement', { siwe: { statement: 'Line one\nline two' } }],
    ['siwe.statement', { siwe: { statement: 'Prüfe deine Identität.' } }],
    ['authorize', { authorize: 'yes' }],
    ['rateLimits.create.limit', { rateLimits: { create: { limit: -1, windowMs: 1000 } } }],
    ['bodyTimeoutMs', { bodyTimeoutMs: 0 }],
  ])('names %s when it is wrong', (option, patch) => {
    const error = configError({ ...VALID, ...patch });

    expect(error.option).toBe(option);
    expect(error.message).toContain(`options.${option} `);
  });
});
