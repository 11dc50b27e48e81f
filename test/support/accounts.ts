import { privateKeyToAccount } from 'viem/accounts';

// Well-known development keys (Hardhat's first accounts): never funded on a real chain.
export const TEST_PRIVATE_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
export const OTHER_PRIVATE_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';

export const testAccount = privateKeyToAccount(TEST_PRIVATE_KEY);
export const otherAccount = privateKeyToAccount(OTHER_PRIVATE_KEY);
