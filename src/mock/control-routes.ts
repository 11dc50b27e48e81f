import { type AnswerContext, fail, jsonResponse } from './envelope.js';
import { readMockFault } from './faults.js';
import type { MockTrusset } from './types.js';

// Browser tests drive the mock from another origin (the test page's).
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST',
  'access-control-allow-headers': 'content-type',
};
const ACTIONS = ['approve', 'reject', 'revoke', 'expire'] as const;
const ROUTES = ['create', 'status', 'any'] as const;

/** Serves `/__mock/*`: the same controls as the `MockTrusset` object, over HTTP and without a key. */
export async function answerControl(mock: MockTrusset, request: Request, path: string, at: number): Promise<Response> {
  const context: AnswerContext = { at, headers: new Headers(CORS) };
  const refuse = (status: number, code: string, message: string) => fail(context, status, code, message);
  const { method } = request;
  if (method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
  if (method === 'GET' && path === '/__mock/links') return jsonResponse(200, mock.links(), CORS);
  if (method === 'POST' && path === '/__mock/reset') {
    mock.reset();
    return new Response(null, { status: 204, headers: CORS });
  }

  const linkAction = /^\/__mock\/links\/([^/]+)\/([a-z]+)$/.exec(path);
  const action = ACTIONS.find((name) => name === linkAction?.[2]);
  if (method === 'POST' && linkAction !== null && action !== undefined) {
    const id = decodeURIComponent(linkAction[1] ?? '');
    if (!mock.links().some((link) => link.id === id)) return refuse(404, 'NOT_FOUND', `No mock link ${id}`);
    try {
      return jsonResponse(200, mock[action](id), CORS);
    } catch (error) {
      return refuse(409, 'INVALID_STATE', (error as Error).message);
    }
  }

  if (method === 'POST' && path === '/__mock/faults') {
    let body: { fault?: unknown; times?: unknown; route?: unknown };
    try {
      body = (await request.json()) as typeof body;
    } catch {
      return refuse(400, 'VALIDATION_ERROR', 'Expected JSON { fault, times?, route? }');
    }
    const fault = readMockFault(body.fault);
    const times = body.times ?? 1;
    const route = ROUTES.find((name) => name === (body.route ?? 'any'));
    if (fault === undefined) return refuse(400, 'VALIDATION_ERROR', `Unknown fault: ${JSON.stringify(body.fault)}`);
    if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) return refuse(400, 'VALIDATION_ERROR', 'times must be a positive integer');
    if (route === undefined) return refuse(400, 'VALIDATION_ERROR', 'route must be create, status or any');
    mock.injectFault(fault, { times, route });
    return jsonResponse(201, { fault, times, route }, CORS);
  }
  return refuse(404, 'NOT_FOUND', `No control route ${method} ${path}`);
}
