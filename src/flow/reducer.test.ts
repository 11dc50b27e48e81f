import { describe, expect, it } from 'vitest';
import type { WalletAccount } from '../wallet/types.js';
import { INITIAL_STATE, reduce, type FlowState } from './reducer.js';
import { EVENT_TYPES, STATUSES, TRANSITIONS, type EventType, type FlowEvent, type Status } from './table.js';

const account: WalletAccount = { address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', chainId: 1 };
const other: WalletAccount = { address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', chainId: 1 };
const link = { id: 'link_1', url: 'https://verify.trusset.org/link/x', status: 'pending', expiresAt: '2030-01-01T00:00:00.000Z', statusToken: 't' };
const error = { code: 'NETWORK_ERROR', retryable: true } as const;
const saved = { linkId: 'link_0', wallet: account.address, expiresAt: '2030-01-01T00:00:00.000Z', statusToken: 's' };

/** One representative event of each type. */
const EVENTS: Record<EventType, FlowEvent> = {
  CONFIG_VALID: { type: 'CONFIG_VALID' },
  CONFIG_INVALID: { type: 'CONFIG_INVALID' },
  CONNECT: { type: 'CONNECT' },
  WALLETS_LISTED: { type: 'WALLETS_LISTED' },
  WALLET_PICKED: { type: 'WALLET_PICKED' },
  CONNECTED: { type: 'CONNECTED', account, check: false },
  CANCELLED: { type: 'CANCELLED' },
  FAILED: { type: 'FAILED', error },
  DISMISS: { type: 'DISMISS' },
  SUBMIT: { type: 'SUBMIT', step: 'signing' },
  SWITCHED: { type: 'SWITCHED' },
  SIGNED: { type: 'SIGNED' },
  REJECTED: { type: 'REJECTED' },
  INVALID: { type: 'INVALID', error: { code: 'INVALID_EMAIL', retryable: false, field: 'email' } },
  CREATED: { type: 'CREATED', link, navigate: true },
  REDIRECT_CANCELLED: { type: 'REDIRECT_CANCELLED' },
  LINK_STATUS: { type: 'LINK_STATUS', status: 'completed' },
  LINK_OPENED: { type: 'LINK_OPENED' },
  TRACKING_FAILED: { type: 'TRACKING_FAILED' },
  RESUMABLE: { type: 'RESUMABLE', link: saved },
  CHECKED: { type: 'CHECKED' },
  RECHECK: { type: 'RECHECK' },
  REGISTRY_VERIFIED: { type: 'REGISTRY_VERIFIED' },
  RESTART: { type: 'RESTART' },
  CHAIN_CHANGED: { type: 'CHAIN_CHANGED', chainId: 11155111 },
  ACCOUNT_CHANGED: { type: 'ACCOUNT_CHANGED', account: other, check: false },
  DISCONNECTED: { type: 'DISCONNECTED' },
};

/** The expected table, written out again by hand: the reducer must agree with it, move by move. */
const EXPECTED: Record<Status, Partial<Record<EventType, Status>>> = {
  unavailable: { CONFIG_VALID: 'idle' },
  idle: { CONNECT: 'connecting', CONNECTED: 'ready', CONFIG_INVALID: 'unavailable' },
  connecting: { WALLETS_LISTED: 'connecting', WALLET_PICKED: 'connecting', CONNECTED: 'ready', CANCELLED: 'idle', FAILED: 'connect-failed', CONFIG_INVALID: 'unavailable' },
  'connect-failed': { CONNECT: 'connecting', DISMISS: 'idle', CONNECTED: 'ready', CONFIG_INVALID: 'unavailable' },
  checking: { CHECKED: 'ready', REGISTRY_VERIFIED: 'verified', CHAIN_CHANGED: 'checking', ACCOUNT_CHANGED: 'ready', DISCONNECTED: 'idle', CONFIG_INVALID: 'unavailable' },
  ready: { SUBMIT: 'signing', RECHECK: 'checking', RESUMABLE: 'ready', CHAIN_CHANGED: 'ready', ACCOUNT_CHANGED: 'ready', DISCONNECTED: 'idle', CONFIG_INVALID: 'unavailable' },
  'switching-chain': {
    SWITCHED: 'signing',
    REJECTED: 'ready',
    FAILED: 'submit-failed',
    CHAIN_CHANGED: 'switching-chain',
    ACCOUNT_CHANGED: 'ready',
    DISCONNECTED: 'idle',
    CONFIG_INVALID: 'unavailable',
  },
  signing: { SIGNED: 'creating', REJECTED: 'ready', FAILED: 'submit-failed', CHAIN_CHANGED: 'signing', ACCOUNT_CHANGED: 'ready', DISCONNECTED: 'idle', CONFIG_INVALID: 'unavailable' },
  creating: { CREATED: 'redirecting', INVALID: 'ready', FAILED: 'submit-failed', CHAIN_CHANGED: 'creating', ACCOUNT_CHANGED: 'ready', DISCONNECTED: 'idle', CONFIG_INVALID: 'unavailable' },
  'submit-failed': { SUBMIT: 'signing', DISMISS: 'ready', CHAIN_CHANGED: 'submit-failed', ACCOUNT_CHANGED: 'ready', DISCONNECTED: 'idle', CONFIG_INVALID: 'unavailable' },
  redirecting: { REDIRECT_CANCELLED: 'link-ready', CHAIN_CHANGED: 'redirecting', ACCOUNT_CHANGED: 'ready', DISCONNECTED: 'idle', CONFIG_INVALID: 'unavailable' },
  'link-ready': {
    LINK_STATUS: 'link-ready',
    LINK_OPENED: 'link-ready',
    TRACKING_FAILED: 'link-ready',
    REGISTRY_VERIFIED: 'verified',
    RESTART: 'ready',
    CHAIN_CHANGED: 'link-ready',
    ACCOUNT_CHANGED: 'ready',
    DISCONNECTED: 'idle',
    CONFIG_INVALID: 'unavailable',
  },
  verified: { CHAIN_CHANGED: 'verified', ACCOUNT_CHANGED: 'ready', DISCONNECTED: 'idle', CONFIG_INVALID: 'unavailable' },
};

function stateIn(status: Status): FlowState {
  return { ...INITIAL_STATE, status, account, link: status === 'redirecting' || status === 'link-ready' ? link : undefined };
}

const MOVES = STATUSES.flatMap((status) => EVENT_TYPES.map((type) => [status, type, EXPECTED[status][type]] as const));

describe('flow reducer', () => {
  it('has a row for every status and no event outside EVENT_TYPES', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...STATUSES].sort());
    for (const row of Object.values(TRANSITIONS)) for (const type of Object.keys(row)) expect(EVENT_TYPES).toContain(type);
  });

  it.each(MOVES.filter(([, , to]) => to !== undefined))('moves %s --%s--> %s', (status, type, to) => {
    const state = stateIn(status);

    const next = reduce(state, EVENTS[type]);

    expect(next.status).toBe(to);
  });

  it.each(MOVES.filter(([, , to]) => to === undefined).map(([status, type]) => [status, type] as const))('refuses %s --%s (returns the same state)', (status, type) => {
    const state = stateIn(status);

    const next = reduce(state, EVENTS[type]);

    expect(next).toBe(state);
  });

  it.each(['switching-chain', 'signing', 'creating'] as const)('lets SUBMIT choose %s from ready and from submit-failed', (step) => {
    const fromReady = reduce(stateIn('ready'), { type: 'SUBMIT', step });
    const fromFailed = reduce(stateIn('submit-failed'), { type: 'SUBMIT', step });

    expect([fromReady.status, fromFailed.status]).toEqual([step, step]);
  });

  it('lets CREATED choose link-ready when the user is not navigated', () => {
    const next = reduce(stateIn('creating'), { type: 'CREATED', link, navigate: false });

    expect([next.status, next.link]).toEqual(['link-ready', link]);
  });

  it('refuses a second SUBMIT while signing or creating', () => {
    for (const status of ['signing', 'creating', 'switching-chain'] as const) {
      const state = stateIn(status);
      expect(reduce(state, { type: 'SUBMIT', step: 'signing' })).toBe(state);
    }
  });

  it("takes the new account and drops the old account's link on ACCOUNT_CHANGED", () => {
    const next = reduce(stateIn('link-ready'), { type: 'ACCOUNT_CHANGED', account: other, check: false });

    expect(next).toEqual({ status: 'ready', account: other, error: undefined, link: undefined });
  });

  it('lets CONNECTED and ACCOUNT_CHANGED go to checking when a registry is configured', () => {
    const connected = reduce(stateIn('connecting'), { type: 'CONNECTED', account, check: true });
    const changed = reduce(stateIn('link-ready'), { type: 'ACCOUNT_CHANGED', account: other, check: true });

    expect([connected.status, changed.status, changed.link]).toEqual(['checking', 'checking', undefined]);
  });

  it('shows the form with the registry warning when the registry could not be read', () => {
    const unavailable = { code: 'REGISTRY_UNAVAILABLE', retryable: true } as const;

    const next = reduce(stateIn('checking'), { type: 'CHECKED', error: unavailable });

    expect([next.status, next.error]).toEqual(['ready', unavailable]);
    expect(reduce(next, { type: 'RECHECK' })).toMatchObject({ status: 'checking', error: undefined });
  });

  it('drops the finished link when the user starts again', () => {
    const next = reduce(stateIn('link-ready'), { type: 'RESTART' });

    expect([next.status, next.link, next.account]).toEqual(['ready', undefined, account]);
  });

  it('keeps the error for the view in connect-failed and submit-failed, and clears it on the way back', () => {
    const failed = reduce(stateIn('creating'), { type: 'FAILED', error });
    const dismissed = reduce(failed, { type: 'DISMISS' });

    expect(failed.error).toEqual(error);
    expect(dismissed.error).toBeUndefined();
  });

  it('returns to the form without error text when the user declines a signature', () => {
    const next = reduce(stateIn('signing'), { type: 'REJECTED' });

    expect([next.status, next.error]).toEqual(['ready', undefined]);
  });

  it('shows the wrong-network message when the user declines the chain switch', () => {
    const wrongChain = { code: 'WRONG_CHAIN', retryable: true } as const;

    const next = reduce(stateIn('switching-chain'), { type: 'REJECTED', error: wrongChain });

    expect([next.status, next.error]).toEqual(['ready', wrongChain]);
  });

  it('updates the chain without leaving the status on CHAIN_CHANGED', () => {
    const next = reduce(stateIn('signing'), { type: 'CHAIN_CHANGED', chainId: 5 });

    expect([next.status, next.account?.chainId]).toEqual(['signing', 5]);
  });

  it('shows the wallet list in connecting until a wallet is picked, and drops it on leaving', () => {
    const listed = reduce(stateIn('connecting'), { type: 'WALLETS_LISTED' });
    const picked = reduce(listed, { type: 'WALLET_PICKED' });
    const cancelled = reduce(listed, { type: 'CANCELLED' });

    expect([listed.status, listed.picking, picked.status, picked.picking]).toEqual(['connecting', true, 'connecting', undefined]);
    expect([cancelled.status, cancelled.picking]).toEqual(['idle', undefined]);
  });

  it('follows the opened link until link-ready is left or its chunk fails', () => {
    const opened = reduce(stateIn('link-ready'), { type: 'LINK_OPENED' });
    const failed = reduce(opened, { type: 'TRACKING_FAILED' });
    const restarted = reduce(opened, { type: 'RESTART' });

    expect([opened.tracking, failed.tracking, restarted.tracking]).toEqual([true, undefined, undefined]);
  });

  it('continues the offered saved link on SUBMIT with resume, and keeps it for the retry of that submission', () => {
    const offered = reduce(stateIn('ready'), { type: 'RESUMABLE', link: saved });

    const resuming = reduce(offered, { type: 'SUBMIT', step: 'signing', resume: true });
    const failed = reduce(resuming, { type: 'FAILED', error });
    const retried = reduce(failed, { type: 'SUBMIT', step: 'signing' });
    const dismissed = reduce(failed, { type: 'DISMISS' });

    expect([offered.resumable, offered.resuming]).toEqual([saved, undefined]);
    expect([resuming.resuming, retried.resuming, dismissed.resuming, dismissed.resumable]).toEqual([saved, saved, undefined, saved]);
  });

  it('drops the offer once the saved link can no longer be continued, or once a link is created', () => {
    const resuming = reduce(reduce(stateIn('ready'), { type: 'RESUMABLE', link: saved }), { type: 'SUBMIT', step: 'creating', resume: true });

    const gone = reduce(resuming, { type: 'INVALID', error: { code: 'RESUME_UNAVAILABLE', retryable: false } });
    const created = reduce(resuming, { type: 'CREATED', link, navigate: false });

    expect([gone.status, gone.resumable, gone.resuming]).toEqual(['ready', undefined, undefined]);
    expect([created.resumable, created.resuming]).toEqual([undefined, undefined]);
  });

  it('drops the offer with the wallet it was found for', () => {
    const offered = reduce(stateIn('ready'), { type: 'RESUMABLE', link: saved });

    const changed = reduce(offered, { type: 'ACCOUNT_CHANGED', account: other, check: false });

    expect(changed.resumable).toBeUndefined();
  });
});
