import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// GraphiQL, the development IDE (ide.html), built apart from the console into web/dist-ide so the
// console's own build and first page stay as they are. The hub serves it at /dev/ide, in development
// mode only, under a CSP of its own (src/server/ideRoute.ts). Monaco's workers are emitted as
// same-origin ES module files (graphiql/setup-workers/vite), nothing is fetched from a CDN.
export default defineConfig({
  plugins: [react()],
  base: '/dev/ide/',
  build: {
    outDir: 'dist-ide',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2020',
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: 'web/ide.html',
      // @graphiql/react marks modules "use no memo" (a React Compiler directive the bundle does not need).
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
