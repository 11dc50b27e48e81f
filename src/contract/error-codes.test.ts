import { describe, expect, it } from 'vitest';
import { CONTRACT_FIELDS, CONTRACT_RETRYABLE, CONTRACT_STATUS, contractErrorRows, isContractErrorCode } from './error-codes.js';

describe("the contract's error codes", () => {
  it('are the table of docs/kit.md, "Error codes", row by row (and REQUEST_TIMEOUT)', () => {
    const rows = Object.entries(contractErrorRows()).map(([code, { status, retryable, field }]) => `${status} ${code}${retryable ? ' retryable' : ''}${field ? ` field ${field}` : ''}`);

    expect(rows).toMatchInlineSnapshot(`
      [
        "400 INVALID_REQUEST",
        "400 INVALID_EMAIL field email",
        "400 INVALID_COUNTRY field country",
        "400 INVALID_ADDRESS field walletAddress",
        "401 SIWE_INVALID",
        "401 SIWE_DOMAIN_MISMATCH",
        "401 SIWE_URI_MISMATCH",
        "401 SIWE_CHAIN_NOT_ALLOWED",
        "401 SIWE_ADDRESS_MISMATCH",
        "401 SIWE_EXPIRED retryable",
        "401 SIWE_NOT_YET_VALID retryable",
        "401 SIWE_NONCE_UNKNOWN retryable",
        "401 SIWE_BAD_SIGNATURE",
        "401 UNAUTHORIZED",
        "403 ORIGIN_NOT_ALLOWED",
        "403 COUNTRY_BLOCKED field country",
        "404 NOT_FOUND",
        "409 IDEMPOTENCY_CONFLICT",
        "409 IDEMPOTENCY_IN_PROGRESS retryable",
        "413 PAYLOAD_TOO_LARGE",
        "429 RATE_LIMITED retryable",
        "502 SERVICE_MISCONFIGURED",
        "503 SERVICE_QUOTA_EXCEEDED",
        "502 UPSTREAM_INVALID_URL",
        "502 UPSTREAM_UNAVAILABLE retryable",
        "504 UPSTREAM_TIMEOUT retryable",
        "503 STORE_UNAVAILABLE retryable",
        "408 REQUEST_TIMEOUT retryable",
      ]
    `);
  });

  it('name the same codes in every column', () => {
    const codes = Object.keys(CONTRACT_RETRYABLE);

    expect(Object.keys(CONTRACT_STATUS)).toEqual(codes);
    expect(Object.keys(CONTRACT_FIELDS).filter((code) => !codes.includes(code))).toEqual([]);
  });

  it('tell a contract code from any other string, own properties only', () => {
    expect(['RATE_LIMITED', 'INTERNAL_ERROR', 'rate_limited', 'toString', '__proto__'].map(isContractErrorCode)).toEqual([true, false, false, false, false]);
  });
});
