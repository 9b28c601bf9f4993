import { onUnmounted, reactive } from 'vue';
import { mediaObjectUrl } from '@/api/media-url';

/**
 * `blob:` URLs of library files for one screen: each file is fetched once, while it is shown, and
 * every URL is revoked when the screen goes, so previews never hold memory after it.
 */
export function useMediaPreviews() {
  const urls = reactive(new Map<number, string>());
  const failed = reactive(new Set<number>());
  const loading = new Map<number, Promise<void>>();

  function load(mediaId: number): void {
    if (urls.has(mediaId) || failed.has(mediaId) || loading.has(mediaId)) return;
    const work = mediaObjectUrl(mediaId)
      .then((url) => void urls.set(mediaId, url))
      .catch(() => void failed.add(mediaId))
      .finally(() => loading.delete(mediaId));
    loading.set(mediaId, work);
  }

  /** The preview URL, starting its load on first ask; null until it is there. */
  function urlOf(mediaId: number): string | null {
    load(mediaId);
    return urls.get(mediaId) ?? null;
  }

  function forget(mediaId: number): void {
    const url = urls.get(mediaId);
    if (url) URL.revokeObjectURL(url);
    urls.delete(mediaId);
    failed.delete(mediaId);
  }

  onUnmounted(() => {
    for (const url of urls.values()) URL.revokeObjectURL(url);
    urls.clear();
  });

  return { urlOf, failed, forget };
}
