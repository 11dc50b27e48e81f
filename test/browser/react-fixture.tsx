import { StrictMode, useEffect, version } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { TrussetVerify, type TrussetVerifyElement, type TrussetVerifyProps } from '../../src/react/index.js';

/** The React the page runs: root React 18, or React 19 under the `browser-react19` project. */
export const reactVersion = version;

/** Counts the harness's effect mounts: StrictMode in development mounts, unmounts and mounts again. */
function Harness({ props, onMount }: { props: TrussetVerifyProps; onMount: () => void }) {
  useEffect(onMount, [onMount]);
  return <TrussetVerify {...props} />;
}

/**
 * Renders `<TrussetVerify>` inside `<StrictMode>` into a fresh root, with the same defaults as
 * `mountWidget` (the test server's kit, redirects to its own host allowed). Returns the element,
 * how often StrictMode mounted the tree, and `rerender` / `unmount`.
 */
export function renderTrussetVerify(props: TrussetVerifyProps = {}) {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  let mounts = 0;
  const onMount = () => {
    mounts += 1;
  };
  const render = (next: TrussetVerifyProps) =>
    flushSync(() =>
      root.render(
        <StrictMode>
          <Harness props={{ endpoint: '/api/trusset', verifyHosts: location.host, ...next }} onMount={onMount} />
        </StrictMode>,
      ),
    );
  render(props);
  const el = container.querySelector('trusset-verify') as TrussetVerifyElement;
  return {
    el,
    get mounts() {
      return mounts;
    },
    rerender: render,
    unmount(): void {
      if (!container.isConnected) return;
      flushSync(() => root.unmount());
      container.remove();
    },
  };
}
