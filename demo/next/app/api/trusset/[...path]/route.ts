// A partner writes: import { createTrussetHandler } from 'trusset-verify-server';
import { createTrussetHandler } from '../../../../../../src/kit/index.js';

/**
 * Replace with your own session check. Here a signed-in user carries a `session` cookie that
 * your session store maps to a customer; the kit sends that reference to Trusset.
 */
async function authorize(request: Request) {
  const session = /(?:^|;\s*)session=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
  const customerRef = session === undefined ? undefined : await customerForSession(session);
  return customerRef ? { customerRef } : null;
}

// Stands in for your session store (e.g. a database lookup); only `demo-` sessions exist here.
async function customerForSession(session: string): Promise<string | undefined> {
  return session.startsWith('demo-') ? `customer-${session.slice('demo-'.length)}` : undefined;
}

const handler = createTrussetHandler({
  apiKey: process.env.TRUSSET_API_KEY,
  apiBase: process.env.TRUSSET_API_BASE,
  basePath: '/api/trusset',
  allowedOrigins: [process.env.NEXT_PUBLIC_APP_ORIGIN ?? 'http://localhost:3000'],
  authorize,
});

// Next.js passes its own second argument ({ params }); the kit needs only the request.
const route = (request: Request) => handler(request);

export const GET = route;
export const POST = route;
export const OPTIONS = route;
