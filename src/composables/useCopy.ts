// Copies text to the clipboard, and says whether it worked (a webview may refuse: then the
// user selects the text, which every copy button's text stays beside).
import { ref } from 'vue';

export function useCopy() {
  const copied = ref<'copied' | 'failed' | null>(null);
  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      copied.value = 'copied';
    } catch {
      copied.value = 'failed';
    }
  }
  return { copied, copy };
}
