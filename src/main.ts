import { createApp } from 'vue';
import { currentWindowLabel } from './api';
import App from './App.vue';
import { startHandshake } from './composables/useHandshake';
import { loadRunMode } from './composables/useRunMode';
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
  // #region recipe:handshake
  // The handshake goes first, beside the run mode's call: `ready` reaches Rust as soon as the
  // page listens for its answers, before the first paint (which would hold its round trips up).
  void startHandshake();
  // #endregion recipe:handshake
  // The platform, which Rust tells with the run mode, decides main's routes: asked first. Main
  // shows up with its first view (loaded, like every view, when first shown), not before; a
  // first navigation that fails (the router logs it) leaves the shell without a view.
  void loadRunMode().then(async () => {
    const router = createAppRouter();
    const app = createApp(App).use(router);
    await router.isReady().catch(() => {});
    app.mount('#app');
  });
}
