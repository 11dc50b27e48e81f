/**
 * Runs before `npm test`: the browser tests need Chromium. Finds one (`CHROME_PATH`, the system's,
 * Playwright's); as root on Debian installs Debian's; elsewhere stops and says what to run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium.js';

function run(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

if (process.env.CHROME_PATH && !existsSync(process.env.CHROME_PATH)) {
  console.error(`CHROME_PATH is set to ${process.env.CHROME_PATH}, which does not exist. Unset it or point it at a Chromium or Chrome binary.`);
  process.exit(1);
}

let found = findChromium();
if (!found && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log("No Chromium found: installing Debian's (apt-get install -y chromium)…");
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', 'chromium']);
  found = findChromium();
}
if (!found) {
  console.error(
    [
      'The browser tests need Chromium or Chrome, and none was found.',
      'Do one of these, then run npm test again:',
      '  Debian/Ubuntu:  sudo apt-get install -y chromium',
      '  anywhere else:  npx playwright install chromium',
      '  or point CHROME_PATH at an installed Chrome or Chromium binary.',
    ].join('\n'),
  );
  process.exit(1);
}
console.log(`Browser tests use ${found}`);
