import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// `npm run dev` proxies the API to a SnapGPU on :8080 (QUARKUS_HTTP_PORT); the packaged app serves dist/ itself.
const api = process.env.SNAPGPU_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  // one bundle: Mantine, recharts and xterm.js together are about 1.2 MB minified (330 kB gzip)
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 1400 },
  server: {
    proxy: {
      '/graphql': { target: api, ws: true },
      '/api': { target: api, ws: true },
      '/q': api,
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    setupFiles: ['src/test-setup.ts'],
  },
});
