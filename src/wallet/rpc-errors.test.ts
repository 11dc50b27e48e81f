import { UserRejectedRequestError, SwitchChainError } from 'viem';
import { describe, expect, it } from 'vitest';
import { abortable, connectFailure, requestFailure, switchFailure } from './rpc-errors.js';

const rpc = (code: number, message = 'wallet says no') => Object.assign(new Error(message), { code });

describe('wallet error mapping', () => {
  it('treats a declined connection (4001, bare or wrapped by viem) as cancelled', () => {
    expect(connectFailure(rpc(4001))).toBeUndefined();
    expect(connectFailure(new UserRejectedRequestError(rpc(4001)))).toBeUndefined();
  });

  it('reports a missing wallet as WALLET_NOT_FOUND and anything else as WALLET_CONNECT_FAILED with its cause', () => {
    const missing = Object.assign(new Error('Provider not found.'), { name: 'ProviderNotFoundError' });
    const pending = rpc(-32002, 'Request already pending');

    expect(connectFailure(missing)?.code).toBe('WALLET_NOT_FOUND');
    expect(connectFailure(pending)?.code).toBe('WALLET_CONNECT_FAILED');
    expect(connectFailure(pending)?.cause).toBe(pending);
    expect(connectFailure(pending)?.details).toBe('Request already pending');
  });

  it('reports a declined signature as USER_REJECTED', () => {
    expect(requestFailure(rpc(4001)).code).toBe('USER_REJECTED');
    expect(requestFailure(new UserRejectedRequestError(rpc(4001))).name).toBe('UserRejectedError');
  });

  it('reports a chain the wallet does not know (4902, also nested as MetaMask Mobile does) as WRONG_CHAIN', () => {
    const nested = Object.assign(new Error('internal'), { code: -32603, data: { originalError: { code: 4902 } } });

    expect(switchFailure(new SwitchChainError(rpc(4902)), 31337, 1).code).toBe('WRONG_CHAIN');
    expect(switchFailure(nested, 31337, 1).metaMessages).toEqual(['Expected chain: 31337', 'Wallet chain: 1']);
    expect(switchFailure(rpc(4001), 31337, 1).code).toBe('USER_REJECTED');
  });

  it('gives up on an aborted request at once and swallows its late answer', async () => {
    const controller = new AbortController();
    let fail!: (reason: unknown) => void;
    const late = new Promise((_resolve, reject) => (fail = reject));
    const waiting = abortable(late, controller.signal);

    controller.abort();
    fail(new Error('too late'));

    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });
});
