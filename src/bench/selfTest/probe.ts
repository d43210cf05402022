// The listening component the hygiene suite mounts and unmounts: it listens to every app event
// through the composables (useTauriEvent, plus a useTauriOnce), as a view does. The one piece of
// the self-test that needs Vue: it is the lifecycle under test.
import { createApp, defineComponent } from 'vue';
import { EVENT_CATALOG, EVENT_NAMES } from '../../api';
import { useTauriEvent, useTauriOnce, type Subscription } from '../../composables/useTauriEvent';

/** The listeners one probe registers: one per app event, and a once. */
export const PROBE_LISTENERS = EVENT_NAMES.length + 1;

let lastSetup: Subscription[] = [];

const ListenerProbe = defineComponent({
  name: 'ListenerProbe',
  setup() {
    lastSetup = [
      ...EVENT_NAMES.map((name) => useTauriEvent(name, () => {}, EVENT_CATALOG[name].scope)),
      useTauriOnce('ready', () => {}),
    ];
    return () => null;
  },
});

export interface MountedProbe {
  unmount(): void;
  /** Settles once every listen() of the probe has (resolved or not). */
  registered: Promise<unknown>;
}

/** Mounts a probe into a detached element. */
export function mountProbe(): MountedProbe {
  const app = createApp(ListenerProbe);
  app.mount(document.createElement('div'));
  const subscriptions = lastSetup;
  return { unmount: () => app.unmount(), registered: Promise.allSettled(subscriptions.map((s) => s.ready)) };
}
