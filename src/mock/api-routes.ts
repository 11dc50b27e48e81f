import { instanceRefOf } from './api-key.js';
import { Refusal, readCreateRequest } from './create-request.js';
import { type AnswerContext, fail, succeed } from './envelope.js';
import { answerWithFault } from './fault-responses.js';
import { parseMockFault } from './faults.js';
import { linkData } from './links.js';
import { randomRequestId } from './random.js';
import { BodyTooLarge, readBody } from './read-body.js';
import type { MockState } from './state.js';
import type { MockCall } from './types.js';

type Route = { name: 'create' | 'list' } | { name: 'status' | 'revoke'; id: string } | { name: 'unknown' };

function routeOf(method: string, path: string): Route {
  const match = /^\/customers\/api\/id-links(?:\/([^/]+))?(\/revoke)?$/.exec(path);
  const id = match?.[1];
  if (match === null) return { name: 'unknown' };
  if (id === undefined) return method === 'POST' ? { name: 'create' } : method === 'GET' ? { name: 'list' } : { name: 'unknown' };
  if (match[2] !== undefined) return method === 'PUT' ? { name: 'revoke', id } : { name: 'unknown' };
  return method === 'GET' ? { name: 'status', id } : { name: 'unknown' };
}

/** Answers `/customers/api/*`, recording the call and its answer's status. */
export async function answerApi(state: MockState, request: Request, path: string): Promise<Response> {
  const at = state.now();
  const apiKey = request.headers.get('x-api-key') ?? undefined;
  const call: MockCall = { method: request.method, path, at, ...(apiKey === undefined ? {} : { apiKey }) };
  state.calls.push(call);
  const response = await answerKeyed(state, request, { at, headers: new Headers() }, call);
  call.status = response.status;
  return response;
}

/** Key, rate limit, faults, then the route itself. */
async function answerKeyed(state: MockState, request: Request, context: AnswerContext, call: MockCall): Promise<Response> {
  const { apiKey } = call;
  const route = routeOf(request.method, call.path);

  if (apiKey === undefined || apiKey === '') return fail(context, 401, 'AUTH_REQUIRED', 'API key required in the X-API-Key header');
  const instanceRef = instanceRefOf(apiKey);
  if (instanceRef === undefined || !state.keys.has(apiKey)) return fail(context, 401, 'AUTH_FAILED', 'Invalid API key');
  const decision = (route.name === 'status' ? state.statusLimiter : state.limiter).take(apiKey, context.at);
  for (const [name, value] of Object.entries(decision.headers)) context.headers.set(name, value);
  if (!decision.allowed) {
    context.headers.set('retry-after', String(decision.retryAfterSeconds));
    const metadata = { retryAfter: decision.retryAfterSeconds };
    return fail(context, 429, 'RATE_LIMIT_EXCEEDED', 'Too many requests', { metadata });
  }
  context.requestId = randomRequestId();

  const faultRoute = route.name === 'create' || route.name === 'status' ? route.name : 'other';
  const header = request.headers.get('x-mock-fault');
  const fault = header === null ? state.faults.take(faultRoute) : parseMockFault(header);
  if (header !== null && fault === undefined) {
    return fail(context, 400, 'VALIDATION_ERROR', `Unknown X-Mock-Fault: ${header}`);
  }
  const proceed = () => answerRoute(state, request, route, context, call, instanceRef);
  return fault === undefined ? proceed() : answerWithFault(fault, context, request.signal, faultRoute, proceed);
}

async function answerRoute(state: MockState, request: Request, route: Route, context: AnswerContext, call: MockCall, instanceRef: string): Promise<Response> {
  // A key sees only the links of its own instance.
  const own = (id: string) => {
    const link = state.store.byId(id);
    return link?.instanceRef === instanceRef ? link : undefined;
  };
  switch (route.name) {
    case 'create':
      return create(state, request, context, call, instanceRef);
    case 'list': {
      const links = state.store.all().filter((link) => link.instanceRef === instanceRef);
      return succeed(context, 200, links.map(linkData));
    }
    case 'status': {
      const link = own(route.id);
      return link === undefined ? fail(context, 404, 'NOT_FOUND', 'ID link not found') : succeed(context, 200, linkData(link));
    }
    case 'revoke': {
      const link = own(route.id);
      if (link === undefined) return fail(context, 404, 'NOT_FOUND', 'ID link not found');
      if (!state.store.move(link, 'revoke')) return fail(context, 400, 'VALIDATION_ERROR', `A ${link.state} link cannot be revoked`);
      return succeed(context, 200);
    }
    case 'unknown':
      return fail(context, 404, 'NOT_FOUND', `No route ${request.method} ${new URL(request.url).pathname}`);
  }
}

async function create(state: MockState, request: Request, context: AnswerContext, call: MockCall, instanceRef: string) {
  let text: string;
  try {
    text = await readBody(request, state.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLarge) return fail(context, 413, 'PAYLOAD_TOO_LARGE', `Request body exceeds ${state.maxBodyBytes} bytes`);
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail(context, 400, 'VALIDATION_ERROR', 'Request body must be JSON');
  }
  call.body = body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail(context, 400, 'VALIDATION_ERROR', 'Request body must be a JSON object');
  }
  try {
    const input = readCreateRequest(body as Record<string, unknown>, state.blocked);
    const baseUrl = state.verifyBaseUrl ?? new URL(request.url).origin;
    return succeed(context, 201, linkData(state.store.add(input, instanceRef, baseUrl, context.at)));
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return fail(context, error.status, error.code, error.message, { details: { field: error.field } });
  }
}
