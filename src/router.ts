// The main window's routes (vue-router on hash history: `#/files?path=…`, so a link or a reload
// lands on the same thing). Every view loads when it is first shown. The secondary windows get
// their own roots on desktop (main.ts) and are routes here on mobile only, reached from the
// buttons that open them (not from the navigation). A view reads its query as typed props.
import {
  createRouter,
  createWebHashHistory,
  type LocationQuery,
  type LocationQueryRaw,
  type RouteLocationNormalized,
  type RouteRecordInfo,
  type RouteRecordRaw,
  type RouteRecordSingleView,
  type RouterHistory,
} from 'vue-router';
import { isMobile } from './api';

/**
 * The feature views, in the navigation's order, with their titles; each name is its path.
 * `withPath`: the view opens the file of `?path=` (its `path` prop).
 */
export const NAV = [
  { name: 'commands', title: 'Commands', view: () => import('./views/CommandsView.vue') },
  { name: 'files', title: 'Files', view: () => import('./views/FilesView.vue'), withPath: true },
  { name: 'downloads', title: 'Downloads', view: () => import('./views/DownloadsView.vue') },
  { name: 'jobs', title: 'Jobs', view: () => import('./views/JobsView.vue') },
  { name: 'account', title: 'Account', view: () => import('./views/AccountView.vue') },
  { name: 'events', title: 'Events', view: () => import('./views/EventsView.vue') },
  { name: 'settings', title: 'Settings', view: () => import('./views/SettingsView.vue') },
  { name: 'bench', title: 'Bench', view: () => import('./views/BenchView.vue') },
  { name: 'self-test', title: 'Self-test', view: () => import('./views/SelfTestView.vue') },
  { name: 'cookbook', title: 'Cookbook', view: () => import('./views/CookbookView.vue') },
] as const;

/** One recipe of the Cookbook, at `/cookbook/<id>` (the "How it works" link of a demo panel). */
const RECIPE = { name: 'recipe', title: 'Recipe', view: () => import('./views/RecipeView.vue') } as const;

/** The desktop's secondary windows that are routes on mobile (the sign-in form is in Account). */
const WINDOWS = [
  { name: 'viewer', title: 'File viewer', view: () => import('./windows/FileViewerWindow.vue'), withPath: true },
  { name: 'preferences', title: 'Preferences', view: () => import('./windows/SettingsWindow.vue') },
] as const;

export type RouteName = (typeof NAV)[number]['name'] | (typeof WINDOWS)[number]['name'] | typeof RECIPE.name;

declare module 'vue-router' {
  interface TypesConfig {
    /** Named routes only: `router.push({ name: 'filez' })` does not compile. */
    RouteNamedMap: {
      [N in Exclude<RouteName, 'recipe'>]: RouteRecordInfo<N, `/${N}`, Record<never, never>, Record<never, never>>;
    } & { recipe: RouteRecordInfo<'recipe', '/cookbook/:id', { id: string }, { id: string }> };
  }
  interface RouteMeta {
    /** The view's name, for the navigation and the `main` landmark. */
    title?: string;
  }
}

/** A query value as one string (the first of several), `undefined` when absent. */
const text = (value: LocationQuery[string] | undefined) => (Array.isArray(value) ? value[0] : value) ?? undefined;

type View = (typeof NAV)[number] | (typeof WINDOWS)[number];

/** The route of one view, at `/<name>`. */
const routeOf = (view: View, more: Partial<RouteRecordSingleView> = {}): RouteRecordRaw => ({
  path: `/${view.name}`,
  name: view.name,
  component: view.view,
  meta: { title: view.title },
  props: 'withPath' in view ? (route: RouteLocationNormalized) => ({ path: text(route.query.path) }) : undefined,
  ...more,
});

// The query in the web's own form (`path=%2Fdl%2Fr+%C3%A9.txt`), as links have always had it.
function stringifyQuery(query: LocationQueryRaw = {}): string {
  const pairs = Object.entries(query).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).flatMap((one) => (one == null ? [] : [[key, String(one)]])),
  );
  return new URLSearchParams(pairs).toString();
}

function parseQuery(search: string): LocationQuery {
  const query: LocationQuery = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const known = query[key];
    query[key] = known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value];
  }
  return query;
}

/**
 * The main window's router. `mobile` adds the window routes (elsewhere they lead to Commands,
 * as any unknown path does); tests pass a memory history.
 */
export function createAppRouter(history: RouterHistory = createWebHashHistory(), { mobile = isMobile() } = {}) {
  const routes: RouteRecordRaw[] = [
    { path: '/', redirect: { name: 'commands' } },
    ...NAV.map((view) => routeOf(view)),
    ...WINDOWS.map((view) => routeOf(view, { beforeEnter: () => mobile || { name: 'commands' } })),
    {
      path: '/cookbook/:id',
      name: RECIPE.name,
      component: RECIPE.view,
      meta: { title: RECIPE.title },
      props: (route: RouteLocationNormalized<'recipe'>) => ({ id: route.params.id }),
    },
    { path: '/:unknown(.*)*', redirect: '/commands' },
  ];
  return createRouter({ history, routes, parseQuery, stringifyQuery });
}
