import { getAddress, hashMessage, isAddress, isAddressEqual, recoverMessageAddress, type Hex } from 'viem';
import { parseSiweMessage } from 'viem/siwe';
import { contractAcceptsSignature } from './contract-signature.js';
import { KitError } from './errors.js';

/** Clocks of phones and servers drift; a minute either way is not an attack. */
export const CLOCK_TOLERANCE_MS = 60_000;

export interface SiweContext {
  domains: readonly string[];
  /** The request's `Origin`, when it has one: the message must name that site. */
  origin: string | undefined;
  chainIds: readonly number[];
  walletAddress: string;
  now: number;
}

export interface CheckedSiwe {
  address: `0x${string}`;
  chainId: number;
  nonce: string;
}

function parseDate(value: Date | undefined): number | undefined {
  if (value === undefined) return undefined;
  const time = value.getTime();
  if (Number.isNaN(time)) throw new KitError('SIWE_INVALID', { details: 'a timestamp does not parse' });
  return time;
}

/**
 * Every field of an EIP-4361 message, each with its own code, before any signature work:
 * domain and uri against the site that sent it, chain, wallet, and the validity window.
 */
export function checkSiweFields(message: string, context: SiweContext): CheckedSiwe {
  const parsed = parseSiweMessage(message);
  const { domain, address, uri, version, chainId, nonce, issuedAt } = parsed;
  if (!domain || !address || !uri || version !== '1' || !chainId || !nonce || !issuedAt) {
    throw new KitError('SIWE_INVALID', { details: 'a required field is missing' });
  }
  if (!isAddress(address, { strict: false })) throw new KitError('SIWE_INVALID', { details: 'address does not parse' });
  const originHost = context.origin ? new URL(context.origin).host : undefined;
  if (!context.domains.includes(domain.toLowerCase()) || (originHost !== undefined && domain.toLowerCase() !== originHost)) {
    throw new KitError('SIWE_DOMAIN_MISMATCH');
  }
  let uriOrigin: string;
  try {
    uriOrigin = new URL(uri).origin;
  } catch {
    throw new KitError('SIWE_URI_MISMATCH', { details: 'uri does not parse' });
  }
  if (context.origin ? uriOrigin !== context.origin : new URL(uri).host.toLowerCase() !== domain.toLowerCase()) {
    throw new KitError('SIWE_URI_MISMATCH');
  }
  if (!context.chainIds.includes(chainId)) throw new KitError('SIWE_CHAIN_NOT_ALLOWED', { details: `chain ${chainId}` });
  if (!isAddressEqual(address, context.walletAddress as `0x${string}`)) throw new KitError('SIWE_ADDRESS_MISMATCH');
  const issued = parseDate(issuedAt)!;
  const notBefore = parseDate(parsed.notBefore);
  const expires = parseDate(parsed.expirationTime);
  const { now } = context;
  if (issued > now + CLOCK_TOLERANCE_MS || (notBefore !== undefined && notBefore > now + CLOCK_TOLERANCE_MS)) {
    throw new KitError('SIWE_NOT_YET_VALID');
  }
  if (expires !== undefined && expires <= now - CLOCK_TOLERANCE_MS) throw new KitError('SIWE_EXPIRED');
  return { address: getAddress(address), chainId, nonce };
}

const HEX_SIGNATURE = /^0x[0-9a-fA-F]+$/;

/**
 * The signer, recovered locally first (every ordinary wallet); only when that does not match,
 * the chain is asked, for smart-contract wallets (EIP-1271, and EIP-6492 before deployment).
 */
export async function verifySiweSignature(message: string, signature: string, checked: CheckedSiwe, rpcUrl: string | undefined): Promise<void> {
  if (!HEX_SIGNATURE.test(signature) || signature.length > 20_000) throw new KitError('SIWE_BAD_SIGNATURE', { details: 'not hex' });
  const hex = signature as Hex;
  try {
    if (isAddressEqual(await recoverMessageAddress({ message, signature: hex }), checked.address)) return;
  } catch {
    // Not a 65-byte ECDSA signature: it may still be a contract wallet's.
  }
  if (!rpcUrl) throw new KitError('SIWE_BAD_SIGNATURE', { details: 'no local match and no rpc for contract wallets' });
  // The message's hash rather than viem's verifySiweMessage: the fields are checked above, with
  // the clock tolerance that verifySiweMessage's own time check lacks.
  if (!(await contractAcceptsSignature(rpcUrl, checked.address, hashMessage(message), hex))) throw new KitError('SIWE_BAD_SIGNATURE');
}
