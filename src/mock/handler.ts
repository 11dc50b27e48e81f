import { answerApi } from './api-routes.js';
import { answerControl } from './control-routes.js';
import { fail } from './envelope.js';
import { answerHostedPage } from './hosted-page.js';
import type { LinkMove } from './links.js';
import { randomRequestId } from './random.js';
import { createState } from './state.js';
import type { MockLink, MockTrusset, MockTrussetOptions } from './types.js';

/** A mock of Trusset's ID-link API as a Fetch handler, with controls for tests. */
export function createMockTrusset(options: MockTrussetOptions = {}): MockTrusset {
  const state = createState(options);

  const find = (id: string): MockLink => {
    const link = state.store.byId(id);
    if (link === undefined) throw new Error(`Mock Trusset: no link ${id}`);
    return link;
  };
  const move =
    (name: LinkMove) =>
    (id: string): MockLink => {
      const link = find(id);
      if (!state.store.move(link, name)) throw new Error(`Mock Trusset: cannot ${name} link ${id}, it is ${link.state}`);
      return structuredClone(link);
    };

  const mock: MockTrusset = {
    async fetch(request) {
      const path = new URL(request.url).pathname;
      try {
        if (path.startsWith('/customers/api/')) return await answerApi(state, request, path);
        if (path.startsWith('/__mock/')) return await answerControl(mock, request, path, state.now());
        const page = answerHostedPage(request, path, state.store, state.now());
        return page ?? fail({ at: state.now(), requestId: randomRequestId(), headers: new Headers() }, 404, 'NOT_FOUND', 'Not found');
      } catch (error) {
        const context = { at: state.now(), requestId: randomRequestId(), headers: new Headers() };
        return fail(context, 500, 'INTERNAL_ERROR', `Mock Trusset failed: ${(error as Error).message}`);
      }
    },
    approve: move('approve'),
    reject: move('reject'),
    revoke: move('revoke'),
    expire(id) {
      const link = find(id);
      link.expiresAt = state.now() - 1;
      return structuredClone(link);
    },
    links: () => structuredClone([...state.store.all()]),
    calls: state.calls,
    injectFault(fault, { times, route } = {}) {
      state.faults.push(fault, times, route);
    },
    reset() {
      state.store.clear();
      state.calls.splice(0);
      state.faults.clear();
      state.limiter.clear();
      state.statusLimiter.clear();
    },
  };
  return mock;
}
