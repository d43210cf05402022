// Test support: the app's real router (router.ts) at a location, on memory history unless a
// test needs the page's own hash.
import { createMemoryHistory, type RouteLocationRaw, type Router, type RouterHistory } from 'vue-router';
import { createAppRouter } from '../router';

/** The main window's router, already at `location` (its view loaded). */
export async function routerAt(
  location: RouteLocationRaw,
  { history = createMemoryHistory(), mobile = false }: { history?: RouterHistory; mobile?: boolean } = {},
): Promise<Router> {
  const router = createAppRouter(history, { mobile });
  await router.push(location);
  return router;
}

/** Resolves when the router's next navigation has ended (the view loaded, the URL set). */
export function nextNavigation(router: Router): Promise<void> {
  return new Promise((resolve) => {
    const stop = router.afterEach(() => {
      stop();
      resolve();
    });
  });
}
