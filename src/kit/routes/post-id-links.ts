import { readLinkRequest } from '../steps/read-body.js';
import type { KitContext } from '../kit-context.js';
import type { RouteAnswer, RouteCall } from './route.js';
import { createLink } from './create-link.js';
import { resumeLink } from './resume-link.js';

/** `POST /id-links`: the body says which of the two forms it is, a creation or a resume. */
export async function postIdLinks(ctx: KitContext, request: Request, call: RouteCall): Promise<RouteAnswer> {
  const linkRequest = await readLinkRequest(ctx.config, request);
  return linkRequest.kind === 'resume' ? resumeLink(ctx, request, call, linkRequest.body) : createLink(ctx, request, call, linkRequest.body);
}
