import { KitError } from './errors.js';
import type { TrussetStore } from './store.js';

/** A store that fails says so as `STORE_UNAVAILABLE`, whatever it threw. */
export function guarded(store: TrussetStore): TrussetStore {
  const wrap =
    <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await method.apply(store, args);
      } catch (cause) {
        throw new KitError('STORE_UNAVAILABLE', { details: 'the store could not be reached', cause });
      }
    };
  return {
    get: wrap(store.get),
    set: wrap(store.set),
    setIfAbsent: wrap(store.setIfAbsent),
    take: wrap(store.take),
    delete: wrap(store.delete),
    increment: wrap(store.increment),
    addMember: wrap(store.addMember),
    removeMember: wrap(store.removeMember),
  };
}
