/**
 * Runs before `npm test`: the Redis-store tests need a `redis-server` binary (they start their
 * own on a free port, never the system's service). Finds one; as root on Debian installs
 * Debian's; elsewhere stops and says what to run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findRedisServer, REDIS_SERVER_MISSING } from './redis-server.js';

function run(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

if (process.env.REDIS_SERVER_PATH && !existsSync(process.env.REDIS_SERVER_PATH)) {
  console.error(`REDIS_SERVER_PATH is set to ${process.env.REDIS_SERVER_PATH}, which does not exist. Unset it or point it at a redis-server binary.`);
  process.exit(1);
}

let found = findRedisServer();
if (!found && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log("No redis-server found: installing Debian's (apt-get install -y redis-server)…");
  run('apt-get', ['update']);
  // The package's service is not needed: the tests start their own server.
  run('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server']);
  found = findRedisServer();
}
if (!found) {
  console.error(REDIS_SERVER_MISSING);
  process.exit(1);
}
console.log(`Redis-store tests use ${found}`);
