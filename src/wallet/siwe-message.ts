import { createSiweMessage } from 'viem/siwe';
import { TrussetVerifyError } from '../errors/base.js';
import { SIWE_LIFETIME_MS } from '../shared/siwe.js';
import type { Address } from './types.js';

export interface BuildSiweMessageParameters {
  address: Address;
  chainId: number;
  nonce: string;
  /** The backend's clock (`GET /nonce`), so that a wrong clock on the user's device does not matter. */
  serverTime: string | Date;
  /** `location.host` */
  domain: string;
  /** `location.origin` */
  uri: string;
  statement: string;
}

/** The EIP-4361 message the wallet signs: issued at the server's time, expiring ten minutes later. */
export function buildSiweMessage(parameters: BuildSiweMessageParameters): string {
  const issuedAt = new Date(parameters.serverTime);
  if (Number.isNaN(issuedAt.getTime())) {
    throw new TrussetVerifyError('INVALID_RESPONSE', 'The backend sent a server time that is not a date.', {
      metaMessages: ['Expected: an ISO 8601 date (GET /nonce → serverTime)', `Received: ${JSON.stringify(String(parameters.serverTime)).slice(0, 80)}`],
    });
  }
  return createSiweMessage({
    address: parameters.address,
    chainId: parameters.chainId,
    domain: parameters.domain,
    uri: parameters.uri,
    nonce: parameters.nonce,
    statement: parameters.statement,
    version: '1',
    issuedAt,
    expirationTime: new Date(issuedAt.getTime() + SIWE_LIFETIME_MS),
  });
}
