import { fetchLinkStatus } from '../backend-client/link-status.js';
import type { LinkStatus } from '../backend-client/create-link.js';
import { isAbort, TrussetVerifyError } from '../errors/base.js';
import { TrussetLinkStatusEvent } from '../events/link-status.js';
import { TrussetVerifiedEvent } from '../events/verified.js';
import type { WidgetConfig } from '../schemas/config.js';
import type { WalletAccount } from '../wallet/types.js';
import type { FlowCore } from './core.js';
import type { CheckedLink } from './table.js';
import { forgetLink, savedLinkOf, trackLink, type Tracking } from './tracking.js';

/**
 * What follows a connection and a link (docs/element.md, "After the link"): the registry, the offer to resume, the
 * tracking of an opened link. A chunk of its own, loaded after Connect.
 */

let warnedNoRpc = false;

/** The registry's transport: the host's wagmi config, else the page's `rpc-url`; never one the page did not name. */
function registryReadable(config: WidgetConfig): boolean {
  if (!config.registry) return false;
  if (config.rpcUrl || config.wagmiConfig) return true;
  if (!warnedNoRpc) {
    warnedNoRpc = true;
    console.warn('trusset-verify: `registry` is set but neither `rpc-url` nor `wagmiConfig` is, so the registry is not read (the widget uses no RPC the page did not name).');
  }
  return false;
}

function readRegistry(config: WidgetConfig, account: WalletAccount, signal: AbortSignal): Promise<boolean> {
  return import('../registry/read.js').then(({ readIsVerified }) =>
    readIsVerified({ registry: config.registry!, address: account.address, chainId: config.chainId, rpcUrl: config.rpcUrl, wagmiConfig: config.wagmiConfig, signal }),
  );
}

function verified(core: FlowCore, config: WidgetConfig, account: WalletAccount): void {
  core.dispatch({ type: 'REGISTRY_VERIFIED' });
  core.host.dispatchEvent(new TrussetVerifiedEvent({ address: account.address, chainId: config.chainId }));
}

/** `checking`: verified → `verified`; not verified → the form; unreadable → the form with a warning, never "not verified" in silence. */
export async function checkRegistry(core: FlowCore, config: WidgetConfig, account: WalletAccount): Promise<void> {
  const signal = core.signal;
  let isVerified: boolean;
  try {
    isVerified = await readRegistry(config, account, signal);
  } catch (error) {
    if (signal.aborted || isAbort(error)) return;
    const known = error instanceof TrussetVerifyError ? error : new TrussetVerifyError('REGISTRY_UNAVAILABLE', 'The registry could not be read.', { cause: error });
    const flowError = core.flowError(known);
    core.dispatch({ type: 'CHECKED', error: flowError });
    core.report(known, flowError);
    return afterCheck(core, config, account);
  }
  if (signal.aborted) return;
  if (isVerified) return verified(core, config, account);
  core.dispatch({ type: 'CHECKED' });
  return afterCheck(core, config, account);
}

/**
 * On the form: a `registry` without a transport is said once; the wallet's saved link (after a
 * reload or the back button) is offered when the backend still says it is pending.
 */
export async function afterCheck(core: FlowCore, config: WidgetConfig, account: WalletAccount): Promise<void> {
  registryReadable(config);
  const signal = core.signal;
  const saved = savedLinkOf(account.address);
  if (!saved) return;
  try {
    const { status } = await fetchLinkStatus(config, saved.linkId, saved.statusToken, signal);
    if (status !== 'pending') return forgetLink();
  } catch (error) {
    if (signal.aborted || isAbort(error)) return;
    if (error instanceof TrussetVerifyError && error.code === 'NOT_FOUND') return forgetLink();
    // Unknown for now (the network): the offer stands, and the backend decides when asked to continue.
  }
  // Only on the form (the table refuses it elsewhere), and only for the wallet it was found for.
  if (!signal.aborted && core.state.account?.address === account.address) core.dispatch({ type: 'RESUMABLE', link: saved });
}

/** Follows an opened link: its status, then the registry once it completes; `now` polls at once. */
export function track(core: FlowCore, config: WidgetConfig, link: CheckedLink, account: WalletAccount, now: boolean): Tracking {
  return trackLink(link.status as LinkStatus, {
    immediately: now,
    signal: core.signal,
    status: async (signal) => (await fetchLinkStatus(config, link.id, link.statusToken!, signal)).status,
    onStatus: (status) => {
      // A saved link is for resuming a pending one only.
      if (status !== 'pending') forgetLink();
      core.dispatch({ type: 'LINK_STATUS', status });
      core.host.dispatchEvent(new TrussetLinkStatusEvent({ id: link.id, status }));
    },
    isVerified: registryReadable(config) ? (signal) => readRegistry(config, account, signal) : undefined,
    onVerified: () => verified(core, config, account),
  });
}
