// Whether the Inspector is open, for the whole page and kept across restarts: the shell opens
// and closes it; the Bench view says when it is open (its tap then logs every measured call).
import { ref, watch } from 'vue';

const KEY = 'ipc-lab:inspector';
const open = ref(localStorage.getItem(KEY) === 'open');
watch(open, (value) => localStorage.setItem(KEY, value ? 'open' : 'closed'));

export function useInspectorOpen() {
  return open;
}
