// Compiled by tsc against the installed tarballs (tarball.test.ts): the shipped declarations must
// keep the tag map and the event map, or these lines stop compiling.
import 'trusset-verify';
import type { TrussetLinkCreatedEvent, TrussetVerify } from 'trusset-verify';
import { createTrussetHandler } from 'trusset-verify-server';
import { MOCK_API_KEY } from 'trusset-verify-server/mock';

const element: TrussetVerify = document.createElement('trusset-verify');
const endpoint: string | null = element.endpoint;

element.addEventListener('trusset-link-created', (event) => {
  const typed: TrussetLinkCreatedEvent = event;
  const url: string = event.detail.url;
  // @ts-expect-error the detail has no such field: proves the listener's event is the typed one
  void event.detail.notAField;
  void typed;
  void url;
});

const handler: (request: Request) => Promise<Response> = createTrussetHandler({ apiKey: MOCK_API_KEY, basePath: '/api/trusset', allowedOrigins: ['https://app.example'], allowAnonymous: true });

void endpoint;
void handler;
