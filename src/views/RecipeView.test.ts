import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { clearMocks } from '@tauri-apps/api/mocks';
import RecipeView from './RecipeView.vue';
import { fakeBench, QUICK_COSTS } from '../testing/fakeBench';
import { routerAt } from '../testing/router';

afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
});
enableAutoUnmount(afterEach);

async function mountRecipe(id: string) {
  const router = await routerAt({ name: 'recipe', params: { id } });
  const view = mount(RecipeView, { props: { id }, global: { plugins: [router] } });
  await flushPromises();
  return view;
}

describe('RecipeView', () => {
  it("shows the path's real Rust and TypeScript, and the permission entries that grant it", async () => {
    fakeBench(QUICK_COSTS);
    const view = await mountRecipe('commands');
    const captions = view.findAll('figcaption code').map((c) => c.text());
    expect(captions).toContainEqual(expect.stringMatching(/^src-tauri\/src\/commands\/basics\.rs:\d+$/));
    expect(captions).toContainEqual(expect.stringMatching(/^src\/api\/commands\.ts:\d+$/));
    const code = view.findAll('pre').map((pre) => pre.text());
    expect(code.some((text) => text.includes('pub fn greet(name: String) -> Result<String>'))).toBe(true);
    expect(code.some((text) => text.includes('export const greet = (name: string)'))).toBe(true);
    const grant = view.get('[data-testid=grant]');
    expect(grant.get('h3').text()).toBe('allow-greet');
    expect(grant.text()).toContain('commands.allow = ["greet"]');
    expect(grant.text()).toContain('identifier = "basics"');
    expect(grant.text()).toMatch(
      /Capability default \(src-tauri\/capabilities\/default\.json\) grants it to the main window\s+with "basics"/,
    );
  });

  it('says when the path is not measured yet, and measures its group alone on request', async () => {
    const fake = fakeBench(QUICK_COSTS);
    const view = await mountRecipe('commands');
    expect(view.get('[data-testid=recipe-unmeasured]').text()).toBe('Not measured yet on this device.');
    await view.get('[data-testid=recipe-measure]').trigger('click');
    await vi.waitFor(() => expect(view.find('[data-testid=recipe-figure]').exists()).toBe(true), { timeout: 30_000 });
    // Only the invoke group ran: its two commands, and the report kept holds its figures alone.
    expect(new Set(fake.commands())).toEqual(
      new Set(['bench_reports', 'bench_noop', 'bench_noop_async', 'save_bench_report']),
    );
    expect(new Set(fake.kept[0].results.figures.map((f) => f.group))).toEqual(new Set(['invoke']));
    const figure = view.get('[data-testid=recipe-figure]').text();
    expect(figure).toContain('invoke, sync command (main thread): p50');
    expect(figure).toContain('quick run');
  });

  it('names a recipe that does not exist', async () => {
    fakeBench(QUICK_COSTS);
    const view = await mountRecipe('nothing-here');
    expect(view.get('[data-testid=recipe-missing]').text()).toBe('There is no recipe named “nothing-here”.');
  });
});
