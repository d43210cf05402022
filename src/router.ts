// A small hash router: the feature views of the main window, picked by the hash's path (see
// lib/hashLocation.ts). Secondary windows get their own roots on desktop and become routes
// here on mobile (later issues).
import { computed, type Component } from 'vue';
import { hashPath, hrefTo } from './lib/hashLocation';
import AccountView from './views/AccountView.vue';
import CommandsView from './views/CommandsView.vue';
import DownloadsView from './views/DownloadsView.vue';
import EventsView from './views/EventsView.vue';
import FilesView from './views/FilesView.vue';
import JobsView from './views/JobsView.vue';
import SettingsView from './views/SettingsView.vue';

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
];

export const currentRoute = computed(
  () => routes.find((route) => route.path === hashPath.value) ?? routes[0],
);

export function hrefFor(route: Route): string {
  return hrefTo(route.path);
}
