import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { createMemoryHistory, createWebHashHistory, RouterView } from 'vue-router';
import { loadRunMode } from './composables/useRunMode';
import App from './App.vue';
import { createAppRouter, NAV } from './router';
import { nextNavigation, routerAt } from './testing/router';

afterEach(() => clearMocks());
enableAutoUnmount(afterEach);

/** Main's Rust side for the shell: a normal run (no suite) on `platform`, events mocked. */
function mockMain(files: Record<string, string> = {}, { platform = 'linux', mobile = false } = {}) {
  mockWindows('main');
  mockIPC(
    (cmd, args) => {
      const path = (args as { path?: string })?.path ?? '';
      if (cmd === 'run_mode')
        return { suite: null, quick: false, transport: 'customProtocol', pattern: 'brownfield', platform, mobile };
      if (cmd === 'preferences') return { notification: 'all', downloadQuotaMib: 2048 };
      if (cmd === 'greet_count' || cmd === 'recent_files' || cmd === 'inbox_files') return [];
      if (cmd === 'file_info' && files[path] !== undefined) {
        return { path, name: path.split('/').pop(), size: files[path].length, mime: 'text/plain' };
      }
      if (cmd === 'read_file' && files[path] !== undefined) return files[path];
      throw new Error(`unexpected ${cmd}`);
    },
    { shouldMockEvents: true },
  );
}

describe('router', () => {
  it('goes to Commands from the root and from any path it does not know', async () => {
    for (const path of ['/', '/nowhere', '/files/deeper', '/viewer', '/preferences']) {
      const router = await routerAt(path);
      expect([path, router.currentRoute.value.name]).toEqual([path, 'commands']);
    }
  });

  it('has one route per feature view, titled, each at its own name', () => {
    const router = createAppRouter(createWebHashHistory(), { mobile: false });
    const routes = NAV.map(({ name }) => router.resolve({ name }));
    expect(routes.map((route) => route.href)).toEqual(NAV.map(({ name }) => `#/${name}`));
    expect(routes.map((route) => route.meta.title)).toEqual(NAV.map(({ title }) => title));
  });

  it('keeps the query in the web form both ways: `#/files?path=…` links and reads as before', () => {
    const router = createAppRouter(createWebHashHistory(), { mobile: false });
    expect(router.resolve({ name: 'files', query: { path: '/dl/r é+1.txt' } }).href).toBe(
      '#/files?path=%2Fdl%2Fr+%C3%A9%2B1.txt',
    );
    expect(router.resolve('/files?path=%2Fdl%2Fr+%C3%A9%2B1.txt').query).toEqual({ path: '/dl/r é+1.txt' });
    expect(router.resolve('/files?path=/a&path=/b&x').query).toEqual({ path: ['/a', '/b'], x: '' });
  });

  it('shows the secondary windows as routes on mobile, the viewer with the file of its query', async () => {
    mockMain({ '/data/a.txt': 'alpha' });
    const router = await routerAt('/viewer?path=%2Fdata%2Fa.txt', { mobile: true });
    expect(router.currentRoute.value.meta.title).toBe('File viewer');
    const view = mount(RouterView, { global: { plugins: [router] } });
    await flushPromises();
    expect(view.get('[data-testid=viewer-path]').text()).toBe('/data/a.txt');
    expect(view.get('[data-testid=file-text]').text()).toBe('alpha');
    expect(view.find('[data-testid=close-window]').exists()).toBe(false); // a route, not a window

    await router.push({ name: 'preferences' });
    expect(router.currentRoute.value.meta.title).toBe('Preferences');
  });
});

describe('the platform from Rust', () => {
  // An iPad's WebView says "Macintosh": the user agent cannot tell it from a Mac, Rust can.
  for (const [platform, mobile] of [
    ['ios', true],
    ['android', true],
    ['macos', false],
    ['linux', false],
  ] as const) {
    it(`${mobile ? 'adds' : 'leaves out'} the window routes on ${platform}`, async () => {
      mockMain({}, { platform, mobile });
      await loadRunMode();
      const router = createAppRouter(createMemoryHistory()); // what main.ts builds once it has asked
      await router.push('/preferences');
      expect(router.currentRoute.value.name).toBe(mobile ? 'preferences' : 'commands');
    });
  }
});

describe('App navigation', () => {
  it('marks the current view’s link with aria-current, names the main landmark, and follows the links', async () => {
    mockMain();
    const router = await routerAt('/commands');
    const app = mount(App, { global: { plugins: [router] }, attachTo: document.body });
    await flushPromises();
    const links = app.findAll('nav a');
    expect(links.map((a) => [a.text(), a.attributes('href'), a.attributes('data-testid')])).toEqual(
      NAV.map(({ name, title }) => [title, `/${name}`, `nav-${name}`]),
    );
    const current = () => app.findAll('nav a[aria-current=page]').map((a) => a.text());
    expect(current()).toEqual(['Commands']);
    expect(app.get('main').attributes('aria-label')).toBe('Commands');
    expect(app.find('[data-testid=greet-name]').exists()).toBe(true);

    const arrived = nextNavigation(router);
    await app.get('[data-testid=nav-account]').trigger('click');
    await arrived;
    await flushPromises();
    expect(current()).toEqual(['Account']);
    expect(app.get('main').attributes('aria-label')).toBe('Account');
    expect(app.find('[data-testid=greet-name]').exists()).toBe(false);

    await router.push({ name: 'files', query: { path: '/data/a.txt' } });
    await flushPromises();
    expect(current()).toEqual(['Files']); // a view's query does not change which link is current
  });
});
