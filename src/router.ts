// A small hash router: the feature views of the main window. Secondary windows get their own
// roots on desktop and become routes here on mobile (later issues).
import { computed, ref, type Component } from 'vue';
import AccountView from './views/AccountView.vue';
import CommandsView from './views/CommandsView.vue';
import EventsView from './views/EventsView.vue';
import FilesView from './views/FilesView.vue';
import SettingsView from './views/SettingsView.vue';

export interface Route {
  path: string;
  title: string;
  component: Component;
}

export const routes: Route[] = [
  { path: 'commands', title: 'Commands', component: CommandsView },
  { path: 'files', title: 'Files', component: FilesView },
  { path: 'account', title: 'Account', component: AccountView },
  { path: 'events', title: 'Events', component: EventsView },
  { path: 'settings', title: 'Settings', component: SettingsView },
];

const current = ref(pathFromHash(window.location.hash));

function pathFromHash(hash: string): string {
  const path = hash.replace(/^#\/?/, '');
  return routes.some((route) => route.path === path) ? path : routes[0].path;
}

function onHashChange() {
  current.value = pathFromHash(window.location.hash);
}
window.addEventListener('hashchange', onHashChange);
if (import.meta.hot) import.meta.hot.dispose(() => window.removeEventListener('hashchange', onHashChange));

export const currentRoute = computed(
  () => routes.find((route) => route.path === current.value) ?? routes[0],
);

export function hrefFor(route: Route): string {
  return `#/${route.path}`;
}
