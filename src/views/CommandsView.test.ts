import { afterEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import CommandsView from './CommandsView.vue';

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
});
