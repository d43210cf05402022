// Streams a file through `load_image` and shows it as it arrives: progress, a blob URL that
// is refreshed at most once a frame, and the SHA-256 of what arrived. A newer load, or the
// scope ending, supersedes an older one; blob URLs are always revoked.
import { getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import { loadImage, toAppError, type AppError } from '../api';
import { joinChunks, sha256Hex } from '../lib/bytes';

export function useImageStream() {
  const url = ref<string>();
  const received = ref(0);
  const total = ref(0);
  const chunks = ref(0);
  const sha256 = ref<string>();
  const error = shallowRef<AppError | null>(null);
  let generation = 0;
  let frame = 0;

  function setUrl(next?: string) {
    if (url.value) URL.revokeObjectURL(url.value);
    url.value = next;
  }

  // #region recipe:channel-frames
  async function load(path: string, size: number, mime: string) {
    const id = ++generation;
    const parts: ArrayBuffer[] = [];
    setUrl(undefined);
    received.value = 0;
    total.value = size;
    chunks.value = 0;
    sha256.value = undefined;
    error.value = null;
    const render = () => {
      frame = 0;
      if (id === generation) setUrl(URL.createObjectURL(new Blob(parts, { type: mime })));
    };
    try {
      await loadImage(path, (chunk) => {
        if (id !== generation) return;
        parts.push(chunk);
        received.value += chunk.byteLength;
        chunks.value++;
        if (!frame) frame = requestAnimationFrame(render);
      });
      if (id !== generation) return;
      if (frame) cancelAnimationFrame(frame);
      render();
      sha256.value = await sha256Hex(joinChunks(parts));
    } catch (reason) {
      if (id === generation) error.value = toAppError(reason);
    }
  }
  // #endregion recipe:channel-frames

  function reset() {
    generation++;
    setUrl(undefined);
  }

  if (getCurrentScope()) onScopeDispose(reset);
  return { url, received, total, chunks, sha256, error, load, reset };
}
