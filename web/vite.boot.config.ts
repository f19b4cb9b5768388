import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, Plugin } from 'vite';

/**
 * The console's first page: web/index.html with ./src/boot.ts (the sign-in drawn with the DOM) and
 * its style sheet, built after web/vite.config.ts into the same web/dist/assets. boot.ts's
 * `import('./main')` becomes an import of the console's built entry by its absolute URL
 * (`/assets/main-<hash>.js`): it resolves the same from any page path, also once the hub has put
 * this script inline in the page (src/server/firstPage.ts), and the console never imports this
 * chunk back.
 */
function consoleByUrl(): Plugin {
  return {
    name: 'onefile-console-by-url',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== './main' || !importer?.endsWith(`${path.sep}boot.ts`)) return null;
      const assets = path.resolve(__dirname, 'dist', 'assets');
      const main = fs.readdirSync(assets).find((f) => /^main-[A-Za-z0-9_-]+\.js$/.test(f));
      if (!main) throw new Error('Build web/vite.config.ts (the console) before the first page.');
      return { id: `/assets/${main}`, external: 'absolute' };
    },
  };
}

export default defineConfig({
  plugins: [consoleByUrl()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2020',
    rollupOptions: {
      input: 'web/index.html',
      // React is imported (i18n.ts's context) but never called on the first page: with its module
      // marked free of side effects, the unused import is dropped with it.
      treeshake: { moduleSideEffects: (id) => !/[\\/]node_modules[\\/]react[\\/]/.test(id) },
    },
  },
});
