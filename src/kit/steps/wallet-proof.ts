import { KitError } from '../errors.js';
import { consumeNonce, nonceIsOpen } from '../nonces.js';
import { checkSiweFields, verifySiweSignature, type CheckedSiwe } from '../siwe.js';
import type { KitContext } from '../kit-context.js';

export interface WalletProof {
  /** The checked SIWE fields; undefined with `siwe` off. */
  siwe: CheckedSiwe | undefined;
  /**
   * Checks the nonce and the signature, then spends the nonce. `acceptSpentNonce`: the nonce of
   * a stored answer, which a replay may present again.
   */
  verify(acceptSpentNonce?: string): Promise<void>;
}

/**
 * The SIWE fields checked now (with `siwe` off: nothing, as for a creation); the returned
 * `verify` checks the nonce and the signature, then spends the nonce.
 */
export function walletProof(ctx: KitContext, signed: { message: string; signature: string } | undefined, origin: string | undefined, walletAddress: string): WalletProof {
  const { config, store } = ctx;
  let siwe: CheckedSiwe | undefined;
  if (config.siweRequired) {
    if (!signed) throw new KitError('SIWE_INVALID', { details: 'no siwe in the body' });
    siwe = checkSiweFields(signed.message, { domains: config.siweDomains, origin, chainIds: config.chainIds, walletAddress, statement: config.siweStatement, now: config.now() });
  }
  const proof = signed && siwe ? { ...signed, checked: siwe } : undefined;
  const verify = async (acceptSpentNonce?: string): Promise<void> => {
    if (!proof) return;
    const reused = acceptSpentNonce !== undefined && proof.checked.nonce === acceptSpentNonce;
    if (!reused && !(await nonceIsOpen(store, proof.checked.nonce))) throw new KitError('SIWE_NONCE_UNKNOWN');
    await verifySiweSignature(proof.message, proof.signature, proof.checked, config.rpc.get(proof.checked.chainId));
    // Last, and atomically: of two requests racing with one signed message, one wins.
    if (!reused && !(await consumeNonce(store, proof.checked.nonce))) throw new KitError('SIWE_NONCE_UNKNOWN');
  };
  return { siwe, verify };
}
