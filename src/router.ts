// A small hash router: the feature views of the main window, picked by the hash's path (see
// lib/hashLocation.ts). Secondary windows get their own roots on desktop (main.ts) and become
// routes here on mobile, reached from the buttons that open them (not from the navigation).
import { computed, defineAsyncComponent, type Component } from 'vue';
import { isMobile } from './api';
import { hashPath, hrefTo } from './lib/hashLocation';
import AccountView from './views/AccountView.vue';
import CommandsView from './views/CommandsView.vue';
import DownloadsView from './views/DownloadsView.vue';
import EventsView from './views/EventsView.vue';
import FilesView from './views/FilesView.vue';
import JobsView from './views/JobsView.vue';
import SelfTestView from './views/SelfTestView.vue';
import SettingsView from './views/SettingsView.vue';
import FileViewerWindow from './windows/FileViewerWindow.vue';
import SettingsWindow from './windows/SettingsWindow.vue';

// The Bench view (and chart.js with it) loads when it is first shown: it is most of the bundle,
// and every start would parse it first.
const BenchView = defineAsyncComponent(() => import('./views/BenchView.vue'));

export interface Route {
  path: string;
  title: string;
  component: Component;
}

export const routes: Route[] = [
  { path: 'commands', title: 'Commands', component: CommandsView },
  { path: 'files', title: 'Files', component: FilesView },
  { path: 'downloads', title: 'Downloads', component: DownloadsView },
  { path: 'jobs', title: 'Jobs', component: JobsView },
  { path: 'account', title: 'Account', component: AccountView },
  { path: 'events', title: 'Events', component: EventsView },
  { path: 'settings', title: 'Settings', component: SettingsView },
  { path: 'bench', title: 'Bench', component: BenchView },
  { path: 'self-test', title: 'Self-test', component: SelfTestView },
];

/** The desktop's secondary windows, as routes on mobile (the sign-in form is in Account). */
const windowRoutes: Route[] = isMobile()
  ? [
      { path: 'viewer', title: 'File viewer', component: FileViewerWindow },
      { path: 'preferences', title: 'Preferences', component: SettingsWindow },
    ]
  : [];

export const currentRoute = computed(
  () => [...routes, ...windowRoutes].find((route) => route.path === hashPath.value) ?? routes[0],
);

export function hrefFor(route: Route): string {
  return hrefTo(route.path);
}
