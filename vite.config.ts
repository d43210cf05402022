import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { cookbook } from './src/cookbook/plugin.ts';
import { tapTauriCore } from './src/inspector/plugin.ts';

// Tauri expects a fixed port and must be able to reach the dev server from a device on
// `tauri android dev` / `tauri ios dev` (TAURI_DEV_HOST is set by the CLI there).
const host = process.env.TAURI_DEV_HOST;

export default defineConfig({
  plugins: [
    vue(),
    // The Cookbook's code and grants, cut from the real files (src/cookbook/extract.ts).
    cookbook(fileURLToPath(new URL('.', import.meta.url))),
    // The Inspector's tap in front of @tauri-apps/api/core (src/api/tap.ts).
    tapTauriCore(fileURLToPath(new URL('./src/api/tap.ts', import.meta.url))),
  ],
  // Served as they are in development (not pre-bundled), so that their own imports of the core
  // module reach the tap there too, as in the build.
  optimizeDeps: { exclude: ['@tauri-apps/api', '@tauri-apps/plugin-dialog'] },
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    host: host || false,
    hmr: host ? { protocol: 'ws', host, port: 1421 } : undefined,
    watch: { ignored: ['**/src-tauri/**'] },
  },
  envPrefix: ['VITE_', 'TAURI_ENV_'],
  build: {
    target: 'es2021',
    sourcemap: !!process.env.TAURI_ENV_DEBUG,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
  },
});
