import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SYSTEM_PATHS = ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/opt/homebrew/bin/redis-server'];

/** `REDIS_SERVER_PATH`, else a `redis-server` on the PATH or in the usual places; the Redis-store tests start their own. */
export function findRedisServer(): string | undefined {
  const fromEnv = process.env.REDIS_SERVER_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  try {
    const onPath = execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (onPath && existsSync(onPath)) return onPath;
  } catch {
    // Not on the PATH: look in the usual places.
  }
  return SYSTEM_PATHS.find((path) => existsSync(path));
}

/** What to run when no `redis-server` is found, for the test command and the tests to print. */
export const REDIS_SERVER_MISSING = [
  'The Redis-store tests start their own redis-server on 127.0.0.1, and none was found.',
  'Do one of these, then run npm test again:',
  '  Debian/Ubuntu:  sudo apt-get install -y redis-server',
  '  macOS:          brew install redis',
  '  or point REDIS_SERVER_PATH at a redis-server binary (Redis 6.2 or later).',
].join('\n');
