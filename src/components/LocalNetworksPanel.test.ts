import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import LocalNetworksPanel from './LocalNetworksPanel.vue';

afterEach(() => clearMocks());
enableAutoUnmount(afterEach);

/** Rust's side: the allowed ranges, and a dialog whose answer the test gives (`userSays`). */
function mockRanges(userSays: 'ok' | 'cancel' = 'ok') {
  const calls: { cmd: string; args: unknown }[] = [];
  let ranges: string[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    const range = (args as { range?: string }).range ?? '';
    if (cmd === 'local_networks') return ranges;
    if (cmd === 'add_local_network') {
      if (!range.startsWith('192.168.') && !range.startsWith('10.')) {
        throw { kind: 'invalidInput', message: `invalid input: ${range} is not a local network range` };
      }
      if (userSays === 'ok') ranges = [...ranges, range];
      return ranges;
    }
    if (cmd === 'remove_local_network') return (ranges = ranges.filter((r) => r !== range));
    throw new Error(`unexpected ${cmd}`);
  });
  return calls;
}

const listed = (view: ReturnType<typeof mount>) =>
  view.findAll('[data-testid=local-networks] li code').map((code) => code.text());

async function ask(view: ReturnType<typeof mount>, range: string) {
  await view.get('[data-testid=local-network-range]').setValue(range);
  await view.get('form').trigger('submit');
  await flushPromises();
}

describe('LocalNetworksPanel', () => {
  it('says pages cannot reach the LAN while nothing is allowed', async () => {
    mockRanges();
    const view = mount(LocalNetworksPanel);
    await flushPromises();
    expect(listed(view)).toEqual([]);
    expect(view.get('[data-testid=local-networks-none]').text()).toContain('cannot reach your LAN');
    expect(view.get('label[for=local-network-range]').text()).toBe('Range');
    expect(view.get('[data-testid=local-network-add]').attributes('disabled')).toBeDefined();
  });

  it('asks Rust (which asks the user) for a range, and lists it once allowed; Remove takes it out', async () => {
    const calls = mockRanges('ok');
    const view = mount(LocalNetworksPanel);
    await flushPromises();
    await ask(view, ' 192.168.1.0/24 ');
    expect(calls[1]).toEqual({ cmd: 'add_local_network', args: { range: '192.168.1.0/24' } });
    expect(listed(view)).toEqual(['192.168.1.0/24']);
    expect(view.get<HTMLInputElement>('[data-testid=local-network-range]').element.value).toBe('');

    await view.get('[aria-label="Remove 192.168.1.0/24"]').trigger('click');
    await flushPromises();
    expect(calls[2]).toEqual({ cmd: 'remove_local_network', args: { range: '192.168.1.0/24' } });
    expect(listed(view)).toEqual([]);
  });

  it('changes nothing when the user cancels the dialog', async () => {
    mockRanges('cancel');
    const view = mount(LocalNetworksPanel);
    await flushPromises();
    await ask(view, '10.0.0.0/8');
    expect(listed(view)).toEqual([]);
    expect(view.find('[data-testid=error]').exists()).toBe(false);
  });

  it('shows a range Rust refuses as its typed error, keeping what was typed', async () => {
    mockRanges();
    const view = mount(LocalNetworksPanel);
    await flushPromises();
    await ask(view, '8.8.8.0/24');
    expect(view.get('[data-testid=error-kind]').text()).toBe('invalidInput');
    expect(view.get<HTMLInputElement>('[data-testid=local-network-range]').element.value).toBe('8.8.8.0/24');
    expect(view.get('[data-testid=local-network-add]').text()).toBe('Allow…');
  });
});
