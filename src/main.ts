import { createApp } from 'vue';
import { currentWindowLabel } from './api';
import App from './App.vue';
import { createAppRouter } from './router';
import './styles.css';

// One bundle serves every window; the window's label picks its root (each secondary window's
// loads with it). Only main routes.
const roots = {
  login: () => import('./windows/LoginWindow.vue'),
  'file-viewer': () => import('./windows/FileViewerWindow.vue'),
  settings: () => import('./windows/SettingsWindow.vue'),
} as const;
const label = currentWindowLabel();
if (label in roots) {
  void roots[label as keyof typeof roots]().then(({ default: root }) => createApp(root).mount('#app'));
} else {
  // Main shows up with its first view (loaded, like every view, when first shown), not before;
  // a first navigation that fails (the router logs it) leaves the shell without a view.
  const router = createAppRouter();
  const app = createApp(App).use(router);
  void router
    .isReady()
    .catch(() => {})
    .then(() => app.mount('#app'));
}
