import type { Route } from './route.js';
import { linkStatus } from './link-status.js';
import { nonce } from './nonce.js';
import { postIdLinks } from './post-id-links.js';
import { unmatched } from './unmatched.js';

interface RouteEntry {
  /** The path under `basePath`, as logs name it: `{id}` is one segment or more, never logged. */
  path: string;
  methods: Partial<Record<string, Route>>;
}

/** The contract's three routes (docs/kit.md, "Routes"). */
export const ROUTES: readonly RouteEntry[] = [
  { path: '/nonce', methods: { GET: nonce } },
  { path: '/id-links', methods: { POST: postIdLinks } },
  { path: '/id-links/{id}', methods: { GET: linkStatus } },
];

// A Fetch Request carries any token as its method: only these are logged as sent.
const LOGGED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface MatchedRoute {
  /**
   * The route as a log may name it: a template, never the path itself, which is the client's text
   * (a link id, or an e-mail or a status token pasted into the URL) and of any length.
   */
  name: string;
  route: Route;
  /** The `{id}` segment as sent, for `/id-links/{id}`. */
  id?: string;
}

/** The entry whose path is `pathname` (under `basePath`) and the rest that fills its `{id}`, if any. */
function entryFor(basePath: string, pathname: string): { entry: RouteEntry; id?: string } | undefined {
  for (const entry of ROUTES) {
    const [fixed, parameter] = entry.path.split('{');
    const prefix = `${basePath}${fixed}`;
    if (parameter === undefined ? pathname === prefix : pathname.startsWith(prefix)) {
      return parameter === undefined ? { entry } : { entry, id: pathname.slice(prefix.length) };
    }
  }
  return undefined;
}

/**
 * The route for a method and path. A path the table knows with a method it does not is named
 * after the path and answered as unmatched.
 */
export function matchRoute(basePath: string, method: string, pathname: string): MatchedRoute {
  const verb = LOGGED_METHODS.has(method) ? method : 'other method';
  const found = entryFor(basePath, pathname);
  if (!found) return { name: `${verb} unmatched (path of ${pathname.length} characters)`, route: unmatched };
  const route = Object.hasOwn(found.entry.methods, method) ? found.entry.methods[method] : undefined;
  return { name: `${verb} ${basePath}${found.entry.path}`, route: route ?? unmatched, ...(found.id === undefined ? {} : { id: found.id }) };
}
