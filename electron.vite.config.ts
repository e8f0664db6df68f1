import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

const shared = { '@shared': resolve(import.meta.dirname, 'src/shared') };

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      rollupOptions: {
        // index: the Electron main process. web-host: the same services behind the
        // loopback WebSocket transport, for a plain browser (no Electron import).
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          'web-host': resolve(import.meta.dirname, 'src/main/web/host.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: shared },
    build: {
      // sandbox: true needs one self-contained CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    resolve: { alias: shared },
    plugins: [react(), tailwindcss()],
  },
});
