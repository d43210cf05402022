// End-to-end specs: the real debug app in the real webview (WebKitGTK), driven through
// tauri-driver + WebKitWebDriver. Run under Xvfb by scripts/test-all.sh.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/tauri-driver.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
