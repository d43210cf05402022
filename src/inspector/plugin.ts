// The Vite plugin that puts the Inspector's tap (src/api/tap.ts) in front of `@tauri-apps/api/core`:
// the app's imports of it and @tauri-apps/api's own imports of `./core.js` resolve to the tap,
// whose own import reaches the real module. (In vitest, node_modules are not transformed: there
// the app's imports are tapped, @tauri-apps/api's internal ones are not.)
import type { Plugin } from 'vite';

export function tapTauriCore(tapFile: string): Plugin {
  return {
    name: 'ipc-lab-inspector-tap',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || importer.split('?')[0] === tapFile) return;
      const fromApi = /[\\/]@tauri-apps[\\/]api[\\/][^\\/]+\.js$/.test(importer.split('?')[0]);
      if (source === '@tauri-apps/api/core' || (fromApi && source === './core.js')) return tapFile;
    },
  };
}
