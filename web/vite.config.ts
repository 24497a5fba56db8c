import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // the polyfill would be an inline script, which the Content-Security-Policy forbids
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1200,
  },
});
