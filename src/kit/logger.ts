/**
 * Where the kit writes what happened. Lines carry codes, ids and counts only: never an e-mail,
 * signature, verification URL, status token or key (docs/kit.md, "State, logs, configuration").
 */
export interface TrussetLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

function line(level: string, message: string, fields?: Record<string, unknown>): string {
  return JSON.stringify({ level, source: 'trusset-verify', message, ...fields });
}

/** One JSON line per event on the console, the form log collectors parse. */
export const consoleLogger: TrussetLogger = {
  info: (message, fields) => console.info(line('info', message, fields)),
  warn: (message, fields) => console.warn(line('warn', message, fields)),
  error: (message, fields) => console.error(line('error', message, fields)),
};
