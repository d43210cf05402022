// The main window's location as reactive state: the hash `#/<path>?<query>`. The router picks
// the view from the path; a view reads its parameters from the query (`#/files?path=…` opens
// that file in Files), so a link or a reload lands on the same thing.
import { computed, ref } from 'vue';

const hash = ref(window.location.hash);

function onHashChange() {
  hash.value = window.location.hash;
}
window.addEventListener('hashchange', onHashChange);
if (import.meta.hot) import.meta.hot.dispose(() => window.removeEventListener('hashchange', onHashChange));

const parts = computed(() => {
  const rest = hash.value.replace(/^#\/?/, '');
  const mark = rest.indexOf('?');
  return mark < 0
    ? { path: rest, query: new URLSearchParams() }
    : { path: rest.slice(0, mark), query: new URLSearchParams(rest.slice(mark + 1)) };
});

/** The view's path: `files` for `#/files?path=…`. */
export const hashPath = computed(() => parts.value.path);
/** The view's parameters: `hashQuery.value.get('path')`. */
export const hashQuery = computed(() => parts.value.query);

export function hrefTo(path: string, query?: Record<string, string>): string {
  return query ? `#/${path}?${new URLSearchParams(query)}` : `#/${path}`;
}

/** Goes to a view (with parameters); the state follows at once, not only on `hashchange`. */
export function navigate(path: string, query?: Record<string, string>) {
  window.location.hash = hrefTo(path, query);
  hash.value = window.location.hash;
}
