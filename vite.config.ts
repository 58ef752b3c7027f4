import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

/** Vite builds the client from client/ into dist/client; Vitest runs the test projects (faults and scale only on request). */
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:5170',
      '/collab': { target: 'ws://127.0.0.1:5170', ws: true },
    },
  },
  test: {
    root: '.',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
          // What a person sees arrives over real sockets; allow it a few seconds on a busy machine.
          expect: { poll: { timeout: 10_000, interval: 50 } },
        },
      },
      {
        // Slow fault runs (many kill -9 restarts, many random seeds): `npm run test:faults`, not `npm test`.
        extends: true,
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Scale-out (PostgreSQL, Redis, several instances as processes): `npm run test:scale`, not `npm test`.
        extends: true,
        test: {
          name: 'scale',
          include: ['test/scale/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
