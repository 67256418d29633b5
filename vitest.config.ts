// One Vitest project per environment (architecture convention 11). The e2e project drives real
// Chromium through playwright-core against the browser host, so it needs `npm run build` first.
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const e2eOnly = process.env.BATON_E2E_ONLY === '1';

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: (
      [
      {
        test: {
          name: 'shared',
          environment: 'node',
          include: ['shared/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'hub',
          environment: 'node',
          include: ['hub/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'main',
          environment: 'node',
          include: ['main/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'tools',
          environment: 'node',
          include: ['training/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts', 'build/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        esbuild: { jsx: 'automatic' as const },
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
          globals: true,
          setupFiles: ['renderer/testing/setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.e2e.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
      ] satisfies TestProjectInlineConfiguration[]
    ).filter((project) => !e2eOnly || project.test.name === 'e2e'),
  },
});
