export { createTrussetHandler, type TrussetHandler, type TrussetHandlerContext } from './handler.js';
export { toNodeListener } from './node.js';
export {
  TrussetConfigError,
  type AuthorizeResult,
  type Channel,
  type LinkCreatedEvent,
  type LinkStatusEvent,
  type RateLimit,
  type TrussetHandlerOptions,
} from './options.js';
export { ERROR_CODES, KitError, type KitErrorCode } from './errors.js';
export { MemoryStore, type TrussetStore } from './store.js';
export { RedisStore, RedisStoreError, type RedisClientLike, type RedisCommand, type RedisStoreOptions } from './redis-store.js';
export { consoleLogger, type TrussetLogger } from './logger.js';
export { SIWE_STATEMENT } from '../shared/siwe.js';
export type { ContractLink } from './links.js';
export type { LinkStatus } from '../contract/link-status.js';
