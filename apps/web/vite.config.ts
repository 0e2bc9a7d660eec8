import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** apps/web, wherever the command was started from (kept free of Node imports so the DOM tsconfig covers it). */
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

/**
 * The staff app is served by the api in production (same origin, so cookies and CSRF just work);
 * in development Vite proxies `/api` to the api on :8080 for the same reason.
 */
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:8080', changeOrigin: false },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/api': { target: 'http://localhost:8080', changeOrigin: false },
    },
  },
});
