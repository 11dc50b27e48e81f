import { describe, expect, it } from 'vitest';
import { linkStatus } from './link-status.js';
import { nonce } from './nonce.js';
import { postIdLinks } from './post-id-links.js';
import { matchRoute } from './table.js';
import { unmatched } from './unmatched.js';

describe("the kit's route table", () => {
  it.each([
    ['GET', '/api/nonce', nonce, 'GET /api/nonce', undefined],
    ['POST', '/api/id-links', postIdLinks, 'POST /api/id-links', undefined],
    ['GET', '/api/id-links/link%201', linkStatus, 'GET /api/id-links/{id}', 'link%201'],
    ['GET', '/api/id-links/', linkStatus, 'GET /api/id-links/{id}', ''],
    ['POST', '/api/nonce', unmatched, 'POST /api/nonce', undefined],
    ['DELETE', '/api/id-links/x', unmatched, 'DELETE /api/id-links/{id}', 'x'],
    ['BREW', '/api/nonce', unmatched, 'other method /api/nonce', undefined],
    ['GET', '/api/id-linksx', unmatched, 'GET unmatched (path of 14 characters)', undefined],
    ['GET', '/nonce', unmatched, 'GET unmatched (path of 6 characters)', undefined],
  ] as const)('routes %s %s, named as a template', (method, pathname, route, name, id) => {
    const matched = matchRoute('/api', method, pathname);

    expect(matched).toEqual({ route, name, ...(id === undefined ? {} : { id }) });
  });

  it('answers a method named like an Object property as unmatched', () => {
    expect(matchRoute('/api', 'constructor', '/api/nonce').route).toBe(unmatched);
  });
});
