/** What every answer to one request shares: its clock reading, its request id and its headers. */
export interface AnswerContext {
  at: number;
  requestId?: string;
  headers: Headers;
}

export function jsonResponse(status: number, body: unknown, headers?: Headers | Record<string, string>): Response {
  const all = new Headers(headers);
  all.set('content-type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { status, headers: all });
}

function metadata(context: AnswerContext, extra?: Record<string, unknown>): Record<string, unknown> {
  const id = context.requestId === undefined ? {} : { requestId: context.requestId };
  return { ...id, timestamp: new Date(context.at).toISOString(), ...extra };
}

/** `{ success: true, data?, metadata }`; revoke answers carry no `data` at all. */
export function succeed(context: AnswerContext, status: number, data?: unknown): Response {
  const body = data === undefined ? {} : { data };
  return jsonResponse(status, { success: true, ...body, metadata: metadata(context) }, context.headers);
}

export interface FailOptions {
  details?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

/** `{ success: false, error: { code, message, details? }, metadata }`. */
export function fail(context: AnswerContext, status: number, code: string, message: string, options: FailOptions = {}): Response {
  const error = options.details === undefined ? { code, message } : { code, message, details: options.details };
  return jsonResponse(status, { success: false, error, metadata: metadata(context, options.metadata) }, context.headers);
}
