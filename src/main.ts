import { createApp } from 'vue';
import { currentWindowLabel } from './api';
import App from './App.vue';
import FileViewerWindow from './windows/FileViewerWindow.vue';
import LoginWindow from './windows/LoginWindow.vue';
import SettingsWindow from './windows/SettingsWindow.vue';
import './styles.css';

// One bundle serves every window; the window's label picks its root.
const roots = { login: LoginWindow, 'file-viewer': FileViewerWindow, settings: SettingsWindow } as const;
const label = currentWindowLabel();
createApp(label in roots ? roots[label as keyof typeof roots] : App).mount('#app');
