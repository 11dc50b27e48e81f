import { isAddress } from 'viem';
import { toAlpha2 } from '../shared/countries.js';
import type { MockLink, MockLinkStyle } from './types.js';

/** The fields of a new link, read from either field style. */
export type CreateInput = Pick<
  MockLink,
  'style' | 'body' | 'email' | 'walletAddress' | 'phone' | 'country' | 'channels' | 'metadata' | 'investorType' | 'customerId' | 'referenceKey' | 'externalId'
> & { expiryDays: number };

/** Why a creation is refused, in Trusset's terms. */
export class Refusal {
  constructor(
    readonly status: 400 | 403,
    readonly code: string,
    readonly message: string,
    readonly field: string,
  ) {}
}

// Any one of these makes the body newer-style (trusset-api.md, "The newer shape").
const NEWER_FIELDS = ['recipientEmail', 'recipientWallet', 'recipientPhone', 'sendVia', 'investorType', 'expiryDays', 'customerId', 'referenceKey', 'externalId'];
const NAMES = {
  reference: { email: 'email', wallet: 'walletAddress', channels: 'channels', expiryDays: 7 },
  newer: { email: 'recipientEmail', wallet: 'recipientWallet', channels: 'sendVia', expiryDays: 30 },
} as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9][0-9]{1,14}$/;
const INVESTOR_TYPES = ['RETAIL', 'PROFESSIONAL', 'ELIGIBLE_COUNTERPARTY'];
const PROFILE_KEY = /^[a-z][a-z0-9_-]{0,63}$/;

const isEmail = (v: unknown): v is string => typeof v === 'string' && v.length <= 254 && EMAIL.test(v);
const isWallet = (v: unknown): v is string => typeof v === 'string' && isAddress(v, { strict: true });
const isPhone = (v: unknown): v is string => typeof v === 'string' && E164.test(v);
const isChannels = (v: unknown): v is string[] => Array.isArray(v) && v.every((c) => c === 'email' || c === 'sms');
const isCountry = (v: unknown): v is string => typeof v === 'string' && toAlpha2(v) !== undefined;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInvestorType = (v: unknown): v is string => typeof v === 'string' && (INVESTOR_TYPES.includes(v) || PROFILE_KEY.test(v));
const isExpiryDays = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 365;
const isReference = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 255;

export function styleOf(body: Record<string, unknown>): MockLinkStyle {
  return NEWER_FIELDS.some((field) => field in body) ? 'newer' : 'reference';
}

/** Reads a creation body; throws a {@link Refusal} for the first field Trusset would refuse. */
export function readCreateRequest(body: Record<string, unknown>, blocked: ReadonlySet<string>): CreateInput {
  const style = styleOf(body);
  const names = NAMES[style];
  let echo = '';
  const refuse = (code: string, field: string, message: string, status: 400 | 403 = 400): never => {
    throw new Refusal(status, code, message + echo, field);
  };
  // `code` is for a value of the right type that is still refused; a wrong type is INVALID_INPUT unless `anyType`.
  const read = <T>(field: string, valid: (v: unknown) => v is T, code = 'INVALID_INPUT', anyType = false): T | undefined => {
    const value = body[field];
    if (value === undefined || valid(value)) return value;
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    return refuse(anyType || typeof value === 'string' ? code : 'INVALID_INPUT', field, `Invalid ${field}: ${shown}`);
  };

  const email = read(names.email, isEmail);
  // Trusset's messages echo the recipient; so do the mock's, so that tests prove a client never forwards them.
  if (email !== undefined) echo = ` (recipient ${email})`;
  const input: CreateInput = {
    style,
    body,
    email,
    walletAddress: read(names.wallet, isWallet, 'INVALID_ADDRESS'),
    channels: read(names.channels, isChannels),
    country: read('country', isCountry, 'INVALID_COUNTRY'),
    metadata: read('metadata', isObject),
    expiryDays: names.expiryDays,
  };
  if (style === 'newer') {
    Object.assign(input, {
      phone: read('recipientPhone', isPhone),
      investorType: read('investorType', isInvestorType, 'INVALID_INVESTOR_TYPE', true) ?? 'RETAIL',
      expiryDays: read('expiryDays', isExpiryDays, 'INVALID_EXPIRY', true) ?? names.expiryDays,
      customerId: read('customerId', isReference),
      referenceKey: read('referenceKey', isReference),
      externalId: read('externalId', isReference),
    });
  }

  if (input.email === undefined && input.walletAddress === undefined && input.phone === undefined) {
    const phone = style === 'newer' ? ' or recipientPhone' : '';
    refuse('MISSING_RECIPIENT', names.email, `A recipient is required: ${names.email}, ${names.wallet}${phone}`);
  }
  if (style === 'newer' && input.channels?.includes('email') && input.email === undefined) {
    refuse('MISSING_RECIPIENT', 'recipientEmail', 'sendVia "email" needs recipientEmail');
  }
  if (style === 'newer' && input.channels?.includes('sms') && input.phone === undefined) {
    refuse('MISSING_RECIPIENT', 'recipientPhone', 'sendVia "sms" needs recipientPhone');
  }
  if (input.country !== undefined && blocked.has(toAlpha2(input.country) ?? '')) {
    refuse('COUNTRY_BLOCKED', 'country', `Identity verification is not available in ${input.country}`, 403);
  }
  return input;
}
