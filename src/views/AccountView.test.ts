import { afterEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { listenEvent } from '../api';
import AccountView from './AccountView.vue';

afterEach(() => clearMocks());

function mockAuth() {
  let user: string | null = null;
  mockIPC(
    (cmd, args) => {
      const a = args as { user?: string; password?: string };
      if (cmd === 'session') return { user };
      if (cmd === 'login') {
        if (a.user === 'tauri' && a.password === 'tauri') {
          user = 'tauri';
          return 'logged_in';
        }
        throw { kind: 'unauthorized', message: 'invalid credentials' };
      }
      if (cmd === 'logout') {
        user = null;
        return null;
      }
      throw new Error(`unexpected ${cmd}`);
    },
    { shouldMockEvents: true },
  );
}

async function signIn(view: ReturnType<typeof mount>, password: string) {
  await view.get('[data-testid=login-password]').setValue(password);
  await view.get('[data-testid=login-form]').trigger('submit');
  await flushPromises();
}

describe('AccountView', () => {
  it('refuses a wrong password with the seed message, then signs in and announces it', async () => {
    mockAuth();
    const announced: string[] = [];
    await listenEvent('userLoggedIn', (user) => announced.push(user));
    const view = mount(AccountView);
    await flushPromises();
    expect(view.get('[data-testid=session-user]').text()).toBe('Signed out');

    await signIn(view, 'pass');
    expect(view.get('[data-testid=error-kind]').text()).toBe('unauthorized');
    expect(view.get('[data-testid=error-message]').text()).toBe('invalid credentials');
    expect(announced).toEqual([]);

    await signIn(view, 'tauri');
    expect(view.get('[data-testid=session-user]').text()).toBe('Signed in as tauri');
    expect(announced).toEqual(['tauri']);

    await view.get('[data-testid=logout]').trigger('click');
    await flushPromises();
    expect(view.get('[data-testid=session-user]').text()).toBe('Signed out');
  });
});
