import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { findRedisServer, REDIS_SERVER_MISSING } from '../../scripts/redis-server.js';

/** A `redis-server` of the test's own, on 127.0.0.1, with nothing saved to disk. */
export interface RedisServer {
  url: string;
  port: number;
  /** Process id, e.g. to SIGSTOP the server and so simulate a Redis that hangs. */
  pid: number;
  /** Stops the server (SIGKILL: a crash, not a shutdown) and waits for it to exit; a second call is a no-op. */
  kill(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function launch(binary: string, port: number): Promise<ChildProcess> {
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmpdir(), '--loglevel', 'notice'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        child.off('exit', onExit);
        resolve(child);
      }
    };
    const onExit = (code: number | null) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`));
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', onExit);
    child.once('error', reject);
  });
}

/**
 * Starts a `redis-server` (the one found by `scripts/redis-server.ts`) on `port`, by default a
 * free one, or fails saying what to install.
 */
export async function startRedisServer(options: { port?: number } = {}): Promise<RedisServer> {
  const binary = findRedisServer();
  if (!binary) throw new Error(REDIS_SERVER_MISSING);
  let child: ChildProcess | undefined;
  let port = 0;
  // Another process may take the free port between the probe and the launch: try another.
  for (let attempt = 0; !child; attempt++) {
    port = options.port ?? (await freePort());
    try {
      child = await launch(binary, port);
    } catch (error) {
      if (attempt >= 4 || options.port !== undefined) throw error;
    }
  }
  const running = child;
  // A test process that dies before its cleanup must not leave a server behind.
  const reap = () => running.kill('SIGKILL');
  process.once('exit', reap);
  running.once('exit', () => process.off('exit', reap));
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: running.pid!,
    async kill() {
      if (running.exitCode !== null || running.signalCode !== null) return;
      const exited = once(running, 'exit');
      running.kill('SIGKILL');
      await exited;
    },
  };
}
