// Compiled with React 19's types against the installed tarball: the wrapper's props and event
// props must stay typed.
import { TrussetVerify } from 'trusset-verify/react';

export const page = (
  <TrussetVerify
    endpoint="/api/trusset"
    projectId="a-project"
    onLinkCreated={(event) => {
      const url: string = event.detail.url;
      void url;
    }}
    onError={(event) => {
      const retryable: boolean = event.detail.retryable;
      void retryable;
    }}
  />
);

// @ts-expect-error endpoint is a string: proves the props are the element's, not any
export const wrong = <TrussetVerify endpoint={42} />;
