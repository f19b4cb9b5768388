import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console is served by the hub from web/dist: same origin, no CDN, nothing inline (the hub's
// Content-Security-Policy allows only 'self' scripts and styles).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2020',
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000', '/dev': 'http://127.0.0.1:4000' } },
});
