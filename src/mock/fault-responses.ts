import { clientGone, sleep, untilAborted } from './abortable.js';
import { type AnswerContext, fail, jsonResponse } from './envelope.js';
import type { MockFault } from './faults.js';

const URL_FIELDS = ['url', 'verificationUrl'] as const;

const STATUS_FAULTS: Record<number, { code: string; message: string }> = {
  401: { code: 'AUTH_FAILED', message: 'Invalid API key' },
  402: { code: 'CREDIT_LIMIT_EXCEEDED', message: 'Monthly credit limit exceeded' },
  403: { code: 'SERVICE_NOT_ENABLED', message: 'The ID-link service is not enabled for this instance' },
  429: { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests' },
  500: { code: 'INTERNAL_ERROR', message: 'Internal server error' },
  502: { code: 'AUTH_ERROR', message: 'The identity provider did not answer' },
  503: { code: 'SERVICE_UNAVAILABLE', message: 'Service temporarily unavailable' },
};

/**
 * Answers a request that a fault was drawn for. `proceed` produces the normal answer, for the
 * faults that delay or distort it.
 */
export async function answerWithFault(fault: MockFault, context: AnswerContext, signal: AbortSignal, route: 'create' | 'status' | 'other', proceed: () => Promise<Response>): Promise<Response> {
  if (fault === 'hang') {
    await untilAborted(signal);
    return clientGone();
  }
  if (fault === 'not-json') {
    return new Response('<!doctype html><title>502 Bad Gateway</title><h1>Bad Gateway</h1>', {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
  }
  if (fault === 'wrong-shape') {
    return jsonResponse(route === 'create' ? 201 : 200, { success: true, data: { unexpected: true } }, context.headers);
  }
  if (typeof fault === 'string') return distortUrl(await proceed(), fault);
  if ('delayMs' in fault) return (await sleep(fault.delayMs, signal)) ? proceed() : clientGone();

  const { code, message } = STATUS_FAULTS[fault.status] ?? { code: 'INTERNAL_ERROR', message: 'Fault' };
  if (fault.status === 429) {
    const retryAfter = fault.retryAfter ?? 60;
    context.headers.set('retry-after', String(retryAfter));
    return fail(context, 429, code, message, { metadata: { retryAfter } });
  }
  const createFailed = fault.status === 500 && route === 'create' ? 'CREATE_FAILED' : code;
  return fail(context, fault.status, ('code' in fault ? fault.code : undefined) ?? createFailed, message);
}

/** Rewrites the hosted-page URL of a successful answer; answers without one pass unchanged. */
async function distortUrl(response: Response, fault: 'no-url' | 'foreign-host' | 'http-url' | 'javascript-url') {
  if (!response.ok) return response;
  const body = (await response.json()) as { data?: Record<string, unknown> };
  const data = body.data;
  for (const field of URL_FIELDS) {
    const url = data?.[field];
    if (data === undefined || typeof url !== 'string') continue;
    const path = new URL(url).pathname;
    if (fault === 'no-url') delete data[field];
    else if (fault === 'foreign-host') data[field] = `https://verify.evil.example${path}`;
    else if (fault === 'http-url') data[field] = `http://verify.trusset.org${path}`;
    else data[field] = 'javascript:alert(1)';
  }
  return jsonResponse(response.status, body, response.headers);
}
