import { afterEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import CommandsView from './CommandsView.vue';

type Internals = { runCallback: (id: number, data: unknown) => void };
const internals = () => (window as unknown as { __TAURI_INTERNALS__: Internals }).__TAURI_INTERNALS__;

afterEach(() => clearMocks());

function mockGreet() {
  mockIPC((cmd, args) => {
    if (cmd !== 'greet') return 'Hello from Rust!';
    const name = (args as { name: string }).name;
    if (!name.trim()) throw { kind: 'invalidInput', message: 'invalid input: name must not be empty' };
    return `Hello, ${name}!`;
  });
}

describe('CommandsView', () => {
  it('greets the typed name', async () => {
    mockGreet();
    const view = mount(CommandsView);
    await view.get('[data-testid=greet-name]').setValue('Ada');
    await view.get('form').trigger('submit');
    await flushPromises();
    expect(view.get('[data-testid=greet-result]').text()).toBe('Hello, Ada!');
    expect(view.find('[data-testid=error]').exists()).toBe(false);
  });

  it('shows the kind of a typed error and clears it on success', async () => {
    mockGreet();
    const view = mount(CommandsView);
    await view.get('[data-testid=greet-name]').setValue('');
    await view.get('form').trigger('submit');
    await flushPromises();
    expect(view.get('[data-testid=error-kind]').text()).toBe('invalidInput');
    expect(view.find('[data-testid=greet-result]').exists()).toBe(false);
    await view.get('[data-testid=greet-name]').setValue('Bo');
    await view.get('form').trigger('submit');
    await flushPromises();
    expect(view.find('[data-testid=error]').exists()).toBe(false);
    expect(view.get('[data-testid=greet-result]').text()).toBe('Hello, Bo!');
  });

  it('calls the custom command in both casings', async () => {
    const seen: unknown[] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return 'Hello from Rust!';
    });
    const view = mount(CommandsView);
    await view.get('[data-testid=custom-camel]').trigger('click');
    await flushPromises(); // the buttons are disabled while a call is in flight
    await view.get('[data-testid=custom-snake]').trigger('click');
    await flushPromises();
    expect(seen).toEqual([
      ['my_custom_command', { invokeMessage: 'Hello!' }],
      ['my_custom_command_snake', { invoke_message: 'Hello!' }],
    ]);
    expect(view.get('[data-testid=custom-result]').text()).toBe('Hello from Rust!');
    expect(view.get('[data-testid=custom-via]').text()).toBe('invoke_message');
  });

  it('streams 0..=100 from stream_progress into the bar, the last value and the count', async () => {
    const calls: string[] = [];
    let send: (index: number) => void = () => {};
    let finish: (value: null) => void = () => {};
    mockIPC((cmd, args) => {
      calls.push(cmd);
      const { onProgress } = args as { onProgress: { id: number } };
      send = (index) => internals().runCallback(onProgress.id, { index, message: index });
      return new Promise((resolve) => (finish = resolve));
    });
    const view = mount(CommandsView);
    await view.get('[data-testid=stream-start]').trigger('click');
    await flushPromises();
    for (let i = 0; i <= 40; i++) send(i);
    await flushPromises();
    expect(view.get<HTMLProgressElement>('[data-testid=stream-progress]').element.value).toBe(40);
    expect(view.get('[data-testid=stream-value]').text()).toBe('40');
    expect(view.get('[data-testid=stream-start]').attributes('disabled')).toBeDefined();
    for (let i = 41; i <= 100; i++) send(i);
    finish(null);
    await flushPromises();
    expect(view.get('[data-testid=stream-value]').text()).toBe('100');
    expect(view.get('[data-testid=stream-count]').text()).toBe('101');
    expect(view.get<HTMLProgressElement>('[data-testid=stream-progress]').element.max).toBe(100);
    expect(view.get('[data-testid=stream-start]').attributes('disabled')).toBeUndefined();
    expect(calls).toEqual(['stream_progress']);
  });
});
