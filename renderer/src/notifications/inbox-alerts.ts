import type { Router } from 'vue-router';
import type { InboxNotification } from '@shared/types/conversations';
import { chimeWanted, inboxNoticeTitle } from '@shared/inbox-notice';
import { onCoreEvent } from '@/api/client';
import { browserNotifications, desktopOn, soundOn } from './alert-settings';
import { playChime } from './chime';

/**
 * Tells the member about what the core decided they should hear (`inbox.notification`: a new
 * conversation, a message in one of theirs, one handed to them): a short sound, and in a browser a
 * notification through the Notification API that opens the conversation when clicked. Nothing is
 * shown for the conversation the member is looking at. Inside Electron the desktop shell shows
 * native notifications for the same events, so the page does not add its own, and plays its chime
 * only while the window is in front (chimeWanted in shared/inbox-notice.ts).
 */
export function startInboxAlerts(router: Router): () => void {
  return onCoreEvent((event) => {
    if (event.name !== 'inbox.notification') return;
    const notification = event.payload;
    if (lookingAt(router, notification.conversationId)) return;
    const desktopApp = typeof window.wapi !== 'undefined';
    if (chimeWanted({ sound: soundOn.value, desktopApp, focused: document.hasFocus() })) playChime();
    if (browserNotifications && desktopOn.value) show(router, notification);
  });
}

function lookingAt(router: Router, conversationId: number): boolean {
  const route = router.currentRoute.value;
  return (
    document.visibilityState === 'visible' &&
    document.hasFocus() &&
    route.name === 'inbox' &&
    Number(route.params.id) === conversationId
  );
}

function show(router: Router, n: InboxNotification): void {
  if (Notification.permission !== 'granted') return;
  const shown = new Notification(inboxNoticeTitle(n), {
    body: n.body,
    // One notification per conversation: a newer message replaces the older one.
    tag: `conversation-${n.conversationId}`,
  });
  shown.onclick = () => {
    window.focus();
    void router.push({ name: 'inbox', params: { id: n.conversationId } });
    shown.close();
  };
}
