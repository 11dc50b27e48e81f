import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryStore, type TrussetStore } from './store.js';

// The store's contract (store.ts) as a model: what each key holds and until when, on a clock the
// test moves. Any TrussetStore that takes a clock can be run against it.
type Model = Map<string, { value: string; expiresAt: number }>;
// Bounded sets live in a namespace of their own: members with when they expire.
type SetModel = Map<string, Map<string, number>>;

const KEYS = ['nonce:a', 'nonce:b', 'rate:x'];
const key = fc.constantFrom(...KEYS);
const ttl = fc.constantFrom(1, 10, 1_000, 60_000);
const value = fc.constantFrom('1', 'v', '{"a":1}');
const setKey = fc.constantFrom('nonces:client:a', 'nonces:outstanding');
const member = fc.constantFrom('m1', 'm2', 'm3', 'm4');

type Step =
  | { op: 'tick'; ms: number }
  | { op: 'get' | 'take' | 'delete'; key: string }
  | { op: 'set' | 'setIfAbsent'; key: string; value: string; ttl: number }
  | { op: 'increment'; key: string; ttl: number }
  | { op: 'addMember'; key: string; member: string; limit: number; ttl: number }
  | { op: 'removeMember'; key: string; member: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('tick' as const), ms: fc.constantFrom(0, 1, 9, 10, 999, 1_000, 60_000, 60_001) }),
  fc.record({ op: fc.constantFrom('get' as const, 'take' as const, 'delete' as const), key }),
  fc.record({ op: fc.constantFrom('set' as const, 'setIfAbsent' as const), key, value, ttl }),
  fc.record({ op: fc.constant('increment' as const), key, ttl }),
  fc.record({ op: fc.constant('addMember' as const), key: setKey, member, limit: fc.constantFrom(0, 1, 2, 3), ttl }),
  fc.record({ op: fc.constant('removeMember' as const), key: setKey, member }),
);

function live(model: Model, name: string, now: number) {
  const entry = model.get(name);
  return entry && entry.expiresAt > now ? entry : undefined;
}

async function runAgainstModel(store: TrussetStore, clock: { now: number }, steps: Step[]): Promise<void> {
  const model: Model = new Map();
  const sets: SetModel = new Map();
  for (const s of steps) {
    const now = clock.now;
    switch (s.op) {
      case 'tick':
        clock.now += s.ms;
        break;
      case 'get':
        expect(await store.get(s.key)).toBe(live(model, s.key, now)?.value);
        break;
      case 'take':
        expect(await store.take(s.key)).toBe(live(model, s.key, now)?.value);
        model.delete(s.key);
        break;
      case 'delete':
        await store.delete(s.key);
        model.delete(s.key);
        break;
      case 'set':
        await store.set(s.key, s.value, s.ttl);
        model.set(s.key, { value: s.value, expiresAt: now + s.ttl });
        break;
      case 'setIfAbsent': {
        const absent = live(model, s.key, now) === undefined;
        expect(await store.setIfAbsent(s.key, s.value, s.ttl)).toBe(absent);
        if (absent) model.set(s.key, { value: s.value, expiresAt: now + s.ttl });
        break;
      }
      case 'increment': {
        const entry = live(model, s.key, now);
        // Counters live under their own keys; a counter that starts on a plain value is no case of the contract.
        if (entry && !/^\d+$/.test(entry.value)) break;
        const next = entry ? { value: String(Number(entry.value) + 1), expiresAt: entry.expiresAt } : { value: '1', expiresAt: now + s.ttl };
        expect(await store.increment(s.key, s.ttl)).toEqual({ count: Number(next.value), resetAt: next.expiresAt });
        model.set(s.key, next);
        break;
      }
      case 'addMember': {
        const set = sets.get(s.key) ?? new Map<string, number>();
        for (const [name, expiresAt] of set) if (expiresAt <= now) set.delete(name);
        const added = set.has(s.member) || set.size < s.limit;
        expect(await store.addMember(s.key, s.member, s.limit, s.ttl)).toBe(added);
        if (added && !set.has(s.member)) set.set(s.member, now + s.ttl);
        sets.set(s.key, set);
        break;
      }
      case 'removeMember':
        await store.removeMember(s.key, s.member);
        sets.get(s.key)?.delete(s.member);
        break;
    }
  }
}

describe('MemoryStore, on generated sequences of operations and clock moves', () => {
  it('behaves as the store contract’s model: values until their time is up, take once, fixed counter windows, bounded sets', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
        const clock = { now: 1_700_000_000_000 };
        const store = new MemoryStore({ now: () => clock.now });

        await runAgainstModel(store, clock, steps);
      }),
      { numRuns: 2_000 },
    );
  });
});
