import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'src-main/**/*.test.ts',
            'drivers/**/*.test.ts',
            'shared/**/*.test.ts',
            'src-renderer/**/*.test.ts',
            'test/fuzz/**/*.test.ts',
            'test/central/**/*.test.ts',
            'test/layers/**/*.test.ts',
            'test/i18n/**/*.test.ts',
          ],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
