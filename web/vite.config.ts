import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console proper (React, ./src/main.tsx and its pages), built into web/dist/assets with
// `mountConsole` kept as the entry's export. The first page (index.html, ./src/boot.ts) is a second
// build, web/vite.boot.config.ts, which imports this one by its URL: the two share no chunk, so the
// hub can inline the first page's script (src/server/firstPage.ts) without the console ever
// importing — and running — a second copy of it. `vite` (the dev server) serves index.html from
// here, unbundled. Nothing is inline in the files: the hub's Content-Security-Policy allows only
// 'self' scripts and styles, plus the hashes of what it inlines itself.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2020',
    rollupOptions: {
      input: { main: 'web/src/main.tsx' },
      preserveEntrySignatures: 'allow-extension',
    },
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000', '/dev': 'http://127.0.0.1:4000', '/auth': 'http://127.0.0.1:4000' } },
});
