/** The mock of Trusset's ID-link API: a Fetch handler, a Node server and controls for tests. */
export { MOCK_API_KEY } from './api-key.js';
export { formatMockFault, parseMockFault, type MockFault, type MockFaultRoute } from './faults.js';
export { createMockTrusset } from './handler.js';
export { startMockTrusset, type RunningMockTrusset, type StartMockTrussetOptions } from './node-server.js';
export type {
  InjectFaultOptions,
  MockCall,
  MockLink,
  MockLinkState,
  MockLinkStyle,
  MockTrusset,
  MockTrussetOptions,
} from './types.js';
