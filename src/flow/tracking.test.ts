import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinkStatus } from '../backend-client/create-link.js';
import { TrussetVerifyError } from '../errors/base.js';
import { nextPollDelay, registryDelay, trackLink, TRACKING } from './tracking.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** When each poll runs, in ms after the start, following the schedule from 0 to its end. */
function pollTimes(schedule: (elapsed: number, previous: number | undefined) => number | undefined): number[] {
  const times: number[] = [];
  let elapsed = 0;
  let previous: number | undefined;
  for (;;) {
    const delay = schedule(elapsed, previous);
    if (delay === undefined) return times;
    elapsed += delay;
    previous = delay;
    times.push(elapsed);
  }
}

describe('the polling schedule', () => {
  it('polls every 5 s for the first two minutes, then backs off to every 60 s, and stops at 30 minutes', () => {
    const times = pollTimes(nextPollDelay);
    const gaps = times.map((time, index) => time - (times[index - 1] ?? 0));

    expect(times.filter((time) => time <= 2 * MINUTE)).toEqual(Array.from({ length: 24 }, (_, index) => (index + 1) * 5 * SECOND));
    expect(gaps.slice(24, 28)).toEqual([10 * SECOND, 20 * SECOND, 40 * SECOND, 60 * SECOND]);
    expect(new Set(gaps.slice(28, -1))).toEqual(new Set([60 * SECOND]));
    // 4:10 to 29:10 in steps of a minute, then a last poll at 30:00 sharp.
    expect(times.slice(-2)).toEqual([29 * MINUTE + 10 * SECOND, TRACKING.forMs]);
    expect(times.length).toBe(24 + 4 + 25 + 1);
  });

  it('reads the registry every 60 s for 30 minutes', () => {
    expect(pollTimes((elapsed) => registryDelay(elapsed))).toEqual(Array.from({ length: 30 }, (_, index) => (index + 1) * MINUTE));
  });
});

describe('trackLink', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A backend whose link status the test sets; each poll is recorded with its time. */
  function fakeLink(initial: LinkStatus = 'pending') {
    let status: LinkStatus | Error = initial;
    const polls: number[] = [];
    const start = Date.now();
    return {
      polls,
      set(next: LinkStatus | Error) {
        status = next;
      },
      async status(): Promise<LinkStatus> {
        polls.push(Date.now() - start);
        if (status instanceof Error) throw status;
        return status;
      },
    };
  }

  it('reports each change once and stops at a final status', async () => {
    const link = fakeLink();
    const seen: LinkStatus[] = [];
    trackLink('pending', { signal: new AbortController().signal, status: () => link.status(), onStatus: (status) => seen.push(status), onVerified: () => undefined });

    await vi.advanceTimersByTimeAsync(10 * SECOND);
    link.set('completed');
    await vi.advanceTimersByTimeAsync(5 * SECOND);
    link.set('rejected');
    await vi.advanceTimersByTimeAsync(5 * SECOND);
    await vi.advanceTimersByTimeAsync(30 * MINUTE);

    expect(seen).toEqual(['completed', 'rejected']);
    expect(link.polls).toEqual([5, 10, 15, 20].map((s) => s * SECOND));
  });

  it('keeps going through failed polls, and stops for a link the backend does not know', async () => {
    const link = fakeLink();
    trackLink('pending', { signal: new AbortController().signal, status: () => link.status(), onStatus: () => undefined, onVerified: () => undefined });

    link.set(new TrussetVerifyError('NETWORK_ERROR', 'offline'));
    await vi.advanceTimersByTimeAsync(10 * SECOND);
    link.set(new TrussetVerifyError('NOT_FOUND', 'unknown link'));
    await vi.advanceTimersByTimeAsync(30 * MINUTE);

    expect(link.polls).toEqual([5, 10, 15].map((s) => s * SECOND));
  });

  it('polls at once when asked (the page became visible) and keeps its schedule from there', async () => {
    const link = fakeLink();
    const tracking = trackLink('pending', { signal: new AbortController().signal, status: () => link.status(), onStatus: () => undefined, onVerified: () => undefined });

    await vi.advanceTimersByTimeAsync(2 * SECOND);
    tracking.now();
    await vi.advanceTimersByTimeAsync(5 * SECOND);

    expect(link.polls).toEqual([2 * SECOND, 7 * SECOND]);
  });

  it('stops when the signal aborts (a disconnect, another account)', async () => {
    const link = fakeLink();
    const work = new AbortController();
    trackLink('pending', { signal: work.signal, status: () => link.status(), onStatus: () => undefined, onVerified: () => undefined });

    await vi.advanceTimersByTimeAsync(5 * SECOND);
    work.abort();
    await vi.advanceTimersByTimeAsync(30 * MINUTE);

    expect(link.polls).toEqual([5 * SECOND]);
  });

  it('reads the registry once the link completes and then every minute, until it says verified', async () => {
    const link = fakeLink();
    const reads: number[] = [];
    let verifiedAfter = 3;
    const onVerified = vi.fn();
    const start = Date.now();
    trackLink('pending', {
      signal: new AbortController().signal,
      status: () => link.status(),
      onStatus: () => undefined,
      isVerified: async () => {
        reads.push(Date.now() - start);
        return --verifiedAfter === 0;
      },
      onVerified,
    });

    await vi.advanceTimersByTimeAsync(7 * SECOND);
    expect(reads).toEqual([]);
    link.set('completed');
    await vi.advanceTimersByTimeAsync(3 * SECOND);
    await vi.advanceTimersByTimeAsync(30 * MINUTE);

    expect(reads).toEqual([10 * SECOND, 70 * SECOND, 130 * SECOND]);
    expect(onVerified).toHaveBeenCalledOnce();
    // Verified ends the link's polling too.
    expect(link.polls.at(-1)).toBeLessThanOrEqual(130 * SECOND);
  });

  it('never reads "not verified" into a failed registry read: it reads again a minute later', async () => {
    const link = fakeLink('completed');
    let reads = 0;
    const onVerified = vi.fn();
    trackLink('pending', {
      signal: new AbortController().signal,
      status: () => link.status(),
      onStatus: () => undefined,
      isVerified: async () => {
        reads += 1;
        if (reads === 1) throw new TrussetVerifyError('REGISTRY_UNAVAILABLE', 'rpc down');
        return true;
      },
      onVerified,
    });

    await vi.advanceTimersByTimeAsync(5 * SECOND);
    expect([reads, onVerified.mock.calls.length]).toEqual([1, 0]);
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect([reads, onVerified.mock.calls.length]).toEqual([2, 1]);
  });
});
