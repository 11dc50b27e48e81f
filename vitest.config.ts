import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/server/**/*.test.ts', 'src/mock/**/*.test.ts', 'src/shared/**/*.test.ts', 'test/node/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
