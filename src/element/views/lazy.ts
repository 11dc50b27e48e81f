import type * as AfterConnect from './after-connect.js';

let lazy: typeof AfterConnect | undefined;
let formLoad: Promise<void> | undefined;

/**
 * The views after Connect — the form with its country list and checks, the connect failure with
 * its wallet links, the registry's answer, the link — come in a chunk of their own, fetched from
 * the Connect click on. A leaf, so that the first-render views and the view table both reach it.
 */
export function loadFormView(): Promise<void> {
  formLoad ??= import('./after-connect.js').then(
    (module) => {
      module.completeEnglish();
      lazy = module;
    },
    (error: unknown) => {
      // Cleared so that the next status change tries again (a flaky network, a redeploy).
      formLoad = undefined;
      throw error;
    },
  );
  return formLoad.catch(() => undefined);
}

/** The views after Connect once their chunk is there: first-render views take their optional parts from it. */
export function afterConnect(): typeof AfterConnect | undefined {
  return lazy;
}
