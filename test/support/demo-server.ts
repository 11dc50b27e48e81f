import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `npm run demo`'s server as a partner would (its own process), on a free port. */
export async function startDemo(env: Record<string, string> = {}): Promise<{ url: string; output: () => string; close: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [`${root}node_modules/tsx/dist/cli.mjs`, 'demo/serve.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', TRUSSET_API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', () => {
      const match = /demo on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`the demo exited with ${code}:\n${output}`)));
  });
  return {
    url,
    output: () => output,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
