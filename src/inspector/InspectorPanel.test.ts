import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { greet, login } from '../api';
import InspectorPanel from './InspectorPanel.vue';
import { useInspector } from './useInspector';

afterEach(() => clearMocks());
enableAutoUnmount(afterEach);

const shown = async (view: ReturnType<typeof mount>) => {
  await vi.waitFor(() => new Promise((resolve) => setTimeout(resolve, 120)));
  await flushPromises();
  return view.findAll('[data-testid=inspector-entry]').map((row) => row.text());
};

describe('InspectorPanel', () => {
  it('shows the calls made while it is open, newest first, filtered by name and outcome', async () => {
    mockIPC((cmd, args) => {
      if (cmd === 'login') return 'logged_in';
      if (!(args as { name: string }).name.trim()) throw { kind: 'invalidInput', message: 'name must not be empty' };
      return 'hi';
    });
    useInspector().clear();
    const view = mount(InspectorPanel);
    await greet('one');
    await greet(' ').catch(() => {});
    await login('tauri', 'open sesame');
    const rows = await shown(view);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^invoke\s*login/);
    expect(rows[1]).toMatch(/greet.*invalidInput$/s);
    expect(view.text()).toContain('3 shown of the last 3 (at most 500)');

    await view.get('[data-testid=inspector-outcome]').setValue('error');
    expect((await shown(view)).map((r) => r.includes('invalidInput'))).toEqual([true]);
    await view.get('[data-testid=inspector-outcome]').setValue('all');
    await view.get('[data-testid=inspector-name]').setValue('LOG');
    expect(await shown(view)).toHaveLength(1);

    await view.get('[data-testid=inspector-export]').trigger('click');
    const json = view.get('[data-testid=inspector-report]').text();
    expect((JSON.parse(json) as { entries: unknown[] }).entries).toHaveLength(3);
    expect(json).not.toContain('open sesame');
  });

  it('records nothing while paused, and says so', async () => {
    mockIPC(() => 'hi');
    useInspector().clear();
    const view = mount(InspectorPanel);
    await view.get('[data-testid=inspector-pause]').trigger('click');
    expect(view.get('[data-testid=inspector-pause]').attributes('aria-pressed')).toBe('true');
    await greet('unseen');
    expect(await shown(view)).toEqual([]);
    expect(view.text()).toContain('Paused: nothing is recorded.');
    await view.get('[data-testid=inspector-pause]').trigger('click');
    await greet('seen');
    expect(await shown(view)).toHaveLength(1);
  });
});
