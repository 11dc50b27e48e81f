import { getAddress, hashMessage, isAddressEqual, recoverMessageAddress, type Hex } from 'viem';
import { SIWE_LIFETIME_MS } from '../shared/siwe.js';
import { contractAcceptsSignature } from './contract-signature.js';
import { KitError } from './errors.js';
import { parseDateTime, parseSiweMessage } from './siwe-message.js';

/** Clocks of phones and servers drift; a minute either way is not an attack. */
export const CLOCK_TOLERANCE_MS = 60_000;

export interface SiweContext {
  domains: readonly string[];
  /** The request's `Origin`, when it has one: the message must name that site. */
  origin: string | undefined;
  chainIds: readonly number[];
  walletAddress: string;
  /** The statement the message must carry (`siwe.statement`). */
  statement: string;
  now: number;
}

export interface CheckedSiwe {
  address: `0x${string}`;
  chainId: number;
  nonce: string;
}

/**
 * Every field of an EIP-4361 message, each with its own code, before any signature work: the
 * grammar (`parseSiweMessage`), then domain, scheme and uri against the site that sent it, the
 * statement, chain, wallet, and the validity window.
 */
export function checkSiweFields(message: string, context: SiweContext): CheckedSiwe {
  const parsed = parseSiweMessage(message);
  const { domain, address, uri, chainId, nonce, scheme } = parsed;
  const site = context.origin === undefined ? undefined : new URL(context.origin);
  if (!context.domains.includes(domain.toLowerCase()) || (site !== undefined && domain.toLowerCase() !== site.host)) {
    throw new KitError('SIWE_DOMAIN_MISMATCH');
  }
  let uriUrl: URL;
  try {
    uriUrl = new URL(uri);
  } catch {
    throw new KitError('SIWE_URI_MISMATCH', { details: 'uri does not parse' });
  }
  if (site ? uriUrl.origin !== site.origin : uriUrl.host.toLowerCase() !== domain.toLowerCase()) {
    throw new KitError('SIWE_URI_MISMATCH');
  }
  // EIP-4361: a scheme, when written, is the one the request came over (without an Origin: the uri's).
  if (scheme !== undefined && `${scheme.toLowerCase()}:` !== (site ?? uriUrl).protocol) {
    throw new KitError('SIWE_DOMAIN_MISMATCH', { details: "scheme is not the request's" });
  }
  if (parsed.statement !== context.statement) throw new KitError('SIWE_INVALID', { details: 'statement is not the one configured (siwe.statement)' });
  if (!context.chainIds.includes(chainId)) throw new KitError('SIWE_CHAIN_NOT_ALLOWED', { details: `chain ${chainId}` });
  if (!isAddressEqual(address, getAddress(context.walletAddress))) throw new KitError('SIWE_ADDRESS_MISMATCH');
  const { now } = context;
  const issued = parseDateTime(parsed.issuedAt)!;
  const notBefore = parsed.notBefore === undefined ? undefined : parseDateTime(parsed.notBefore);
  const expires = parsed.expirationTime === undefined ? undefined : parseDateTime(parsed.expirationTime);
  if (issued > now + CLOCK_TOLERANCE_MS || (notBefore !== undefined && notBefore > now + CLOCK_TOLERANCE_MS)) {
    throw new KitError('SIWE_NOT_YET_VALID');
  }
  if (expires !== undefined && expires <= now - CLOCK_TOLERANCE_MS) throw new KitError('SIWE_EXPIRED');
  // A message outlives no nonce, so none is older than a nonce's lifetime, whatever its
  // expiration says; this also ends an idempotent replay of the same message.
  if (issued < now - SIWE_LIFETIME_MS - CLOCK_TOLERANCE_MS) throw new KitError('SIWE_EXPIRED', { details: "issued-at is older than a nonce's lifetime" });
  return { address, chainId, nonce };
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
