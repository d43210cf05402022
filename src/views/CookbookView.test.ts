import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, mount } from '@vue/test-utils';
import CookbookView from './CookbookView.vue';
import { RECIPES } from '../cookbook/recipes';
import { routerAt } from '../testing/router';

enableAutoUnmount(afterEach);

describe('CookbookView', () => {
  it('lists every recipe, each at its own link, and finds them by every word typed', async () => {
    const router = await routerAt({ name: 'cookbook' });
    const view = mount(CookbookView, { global: { plugins: [router] } });
    const links = () => view.findAll('[data-testid=recipe-list] a');
    expect(links().map((a) => a.attributes('href'))).toEqual(RECIPES.map((r) => `/cookbook/${r.id}`));
    await view.get('[data-testid=recipe-search]').setValue('  allow-greet   SYNC ');
    expect(links().map((a) => a.text())).toEqual(['Sync and async commands']);
    expect(view.text()).toContain(`1 of ${RECIPES.length} recipes`);
    await view.get('[data-testid=recipe-search]').setValue('no such words');
    expect(links()).toHaveLength(0);
  });
});
