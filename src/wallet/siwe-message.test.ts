import { parseSiweMessage, validateSiweMessage } from 'viem/siwe';
import { describe, expect, it } from 'vitest';
import { TrussetVerifyError } from '../errors/base.js';
import { buildSiweMessage } from './siwe-message.js';

const PARAMETERS = {
  address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  chainId: 11155111,
  nonce: 'AbCdEf0123456789AbCdEf0123456789',
  serverTime: '2030-01-02T03:04:05.000Z',
  domain: 'shop.example:8443',
  uri: 'https://shop.example:8443',
  statement: 'Verify your identity with Trusset to hold tokens on this platform.',
} as const;

describe('buildSiweMessage', () => {
  it("writes an EIP-4361 message issued at the server's time and expiring ten minutes later", () => {
    const message = buildSiweMessage(PARAMETERS);

    expect(parseSiweMessage(message)).toEqual({
      address: PARAMETERS.address,
      chainId: 11155111,
      domain: 'shop.example:8443',
      uri: 'https://shop.example:8443',
      nonce: PARAMETERS.nonce,
      statement: PARAMETERS.statement,
      version: '1',
      issuedAt: new Date('2030-01-02T03:04:05.000Z'),
      expirationTime: new Date('2030-01-02T03:14:05.000Z'),
    });
  });

  it('is valid for its domain and nonce within its window, and not after it', () => {
    const message = parseSiweMessage(buildSiweMessage(PARAMETERS));
    const check = (time: string) => validateSiweMessage({ message, domain: PARAMETERS.domain, nonce: PARAMETERS.nonce, address: PARAMETERS.address, time: new Date(time) });

    expect(check('2030-01-02T03:10:00Z')).toBe(true);
    expect(check('2030-01-02T03:14:06Z')).toBe(false);
  });

  it('refuses a server time that is not a date, saying what came', () => {
    let error: unknown;
    try {
      buildSiweMessage({ ...PARAMETERS, serverTime: 'yesterday' });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(TrussetVerifyError);
    expect((error as TrussetVerifyError).code).toBe('INVALID_RESPONSE');
    expect((error as TrussetVerifyError).metaMessages).toEqual(['Expected: an ISO 8601 date (GET /nonce → serverTime)', 'Received: "yesterday"']);
  });
});
