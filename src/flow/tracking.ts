import type { LinkStatus } from '../backend-client/create-link.js';
import { TrussetVerifyError } from '../errors/base.js';

/**
 * After the link (docs/element.md, "After the link"): the link's status is polled every 5 s for two minutes, then less and
 * less often up to every 60 s, for 30 minutes; once it completes, the registry is read every
 * 60 s for 30 minutes. Loaded with the backend client, never in the first render.
 */
export const TRACKING = {
  fastMs: 5_000,
  fastForMs: 2 * 60_000,
  slowMs: 60_000,
  forMs: 30 * 60_000,
} as const;

/** Statuses after which the link can no longer be used: polling and the saved link end there. */
const OVER: readonly LinkStatus[] = ['rejected', 'expired', 'revoked'];

/** The delay before the next poll, `elapsedMs` after tracking started; undefined once it is over. */
export function nextPollDelay(elapsedMs: number, previousDelayMs: number | undefined): number | undefined {
  if (elapsedMs >= TRACKING.forMs) return undefined;
  const delay = elapsedMs < TRACKING.fastForMs ? TRACKING.fastMs : Math.min(TRACKING.slowMs, 2 * (previousDelayMs ?? TRACKING.fastMs));
  return Math.min(delay, TRACKING.forMs - elapsedMs);
}

/** The registry's schedule: every 60 s for 30 minutes. */
export function registryDelay(elapsedMs: number): number | undefined {
  return elapsedMs >= TRACKING.forMs ? undefined : Math.min(TRACKING.slowMs, TRACKING.forMs - elapsedMs);
}

/**
 * Runs `task` on a schedule until it answers `false`, the schedule ends or `signal` aborts. One
 * run at a time; `runNow()` (the page became visible again) runs at once and restarts the wait.
 */
export class Poller {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #startedAt = 0;
  #delay: number | undefined;
  #running = false;
  #stopped = false;

  constructor(
    private readonly task: () => Promise<boolean>,
    private readonly schedule: (elapsedMs: number, previousDelayMs: number | undefined) => number | undefined,
    signal: AbortSignal,
    private readonly clock: () => number = Date.now,
  ) {
    signal.addEventListener('abort', () => this.stop(), { once: true });
    if (signal.aborted) this.stop();
  }

  /** Starts the schedule; `immediately` runs the task first. */
  start(immediately = false): this {
    this.#startedAt = this.clock();
    if (immediately) this.runNow();
    else this.#wait();
    return this;
  }

  runNow(): void {
    if (this.#stopped || this.#running) return;
    clearTimeout(this.#timer);
    void this.#run();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #wait(): void {
    if (this.#stopped) return;
    const delay = this.schedule(this.clock() - this.#startedAt, this.#delay);
    if (delay === undefined) {
      this.stop();
      return;
    }
    this.#delay = delay;
    this.#timer = setTimeout(() => void this.#run(), delay);
  }

  async #run(): Promise<void> {
    this.#running = true;
    let more = true;
    try {
      more = await this.task();
    } catch {
      // A failed poll is retried on the schedule: a flaky network does not end tracking.
    } finally {
      this.#running = false;
    }
    if (more) this.#wait();
    else this.stop();
  }
}

export interface TrackOptions {
  signal: AbortSignal;
  /** Polls at once rather than after the first delay. */
  immediately?: boolean;
  /** The link's current status from the backend. */
  status(signal: AbortSignal): Promise<LinkStatus>;
  /** A status other than the last one seen. */
  onStatus(status: LinkStatus): void;
  /** Reads the registry: true when it says verified. Absent without a registry. */
  isVerified?: ((signal: AbortSignal) => Promise<boolean>) | undefined;
  onVerified(): void;
  clock?: () => number;
}

export interface Tracking {
  /** Polls at once (the page became visible again). */
  now(): void;
  stop(): void;
}

/** Tracks one link from its current status (docs/element.md, "After the link"). */
export function trackLink(initial: LinkStatus, options: TrackOptions): Tracking {
  const { signal, clock = Date.now } = options;
  let last = initial;
  let registryPoller: Poller | undefined;
  const readRegistry = async () => {
    if (!(await options.isVerified!(signal)) || signal.aborted) return true;
    link.stop();
    options.onVerified();
    return false;
  };
  const link = new Poller(
    async () => {
      const status = await options.status(signal).catch((error: unknown) => {
        // A link the backend no longer knows (a restarted in-memory store) cannot be followed.
        if (error instanceof TrussetVerifyError && error.code === 'NOT_FOUND') return undefined;
        throw error;
      });
      if (signal.aborted || status === undefined) return false;
      if (status !== last) {
        last = status;
        options.onStatus(status);
      }
      if (status === 'completed' && options.isVerified && !registryPoller) registryPoller = new Poller(readRegistry, registryDelay, signal, clock).start(true);
      // `completed` is not a verdict: it can still turn `rejected`, so polling goes on.
      return !OVER.includes(status);
    },
    nextPollDelay,
    signal,
    clock,
  ).start(options.immediately);
  return {
    now() {
      link.runNow();
      registryPoller?.runNow();
    },
    stop() {
      link.stop();
      registryPoller?.stop();
    },
  };
}

/** What is kept of an open link for resuming it (docs/element.md, "After the link"): no URL, no e-mail. */
export interface SavedLink {
  linkId: string;
  wallet: string;
  expiresAt: string;
  statusToken: string;
}

const SAVED_LINK_KEY = 'trusset-verify.link';

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

export function saveLink(link: SavedLink): void {
  try {
    storage()?.setItem(SAVED_LINK_KEY, JSON.stringify({ linkId: link.linkId, wallet: link.wallet, expiresAt: link.expiresAt, statusToken: link.statusToken }));
  } catch {
    // Quota or privacy mode: the user can still start over after a reload.
  }
}

export function forgetLink(): void {
  try {
    storage()?.removeItem(SAVED_LINK_KEY);
  } catch {
    // As above.
  }
}

/** The saved link of `wallet`, while unexpired; anything else saved there is removed. */
export function savedLinkOf(wallet: string, now: number = Date.now()): SavedLink | undefined {
  let saved: unknown;
  try {
    saved = JSON.parse(storage()?.getItem(SAVED_LINK_KEY) ?? 'null');
  } catch {
    saved = undefined;
  }
  if (saved === null) return undefined;
  const link = saved as Partial<SavedLink> | undefined;
  if (typeof link?.linkId !== 'string' || typeof link.wallet !== 'string' || typeof link.statusToken !== 'string' || typeof link.expiresAt !== 'string' || !(Date.parse(link.expiresAt) > now)) {
    forgetLink();
    return undefined;
  }
  // Another wallet's link stays for that wallet (the user may switch back).
  return link.wallet.toLowerCase() === wallet.toLowerCase() ? (link as SavedLink) : undefined;
}
