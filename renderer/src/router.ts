import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import type { Permission } from '@shared/permissions';
import { canAny, sectionsFor } from './navigation';
import { useGettingStartedStore } from './stores/getting-started';
import { useSessionStore } from './stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
    /** Any one of these opens the route. */
    permission?: Permission | readonly Permission[];
    /** The page fills the window edge to edge (the inbox), without the shell's padding. */
    fullHeight?: boolean;
  }
}

const READ_CONVERSATIONS: readonly Permission[] = ['conversations.read_all', 'conversations.read_assigned'];

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
  {
    path: '/change-password',
    name: 'change-password',
    component: () => import('./views/ChangePasswordView.vue'),
  },
  { path: '/welcome', name: 'welcome', component: () => import('./views/WelcomeView.vue') },
  {
    path: '/inbox/:id?',
    name: 'inbox',
    component: () => import('./views/InboxView.vue'),
    meta: { permission: READ_CONVERSATIONS, fullHeight: true },
    props: (route) => ({ id: route.params.id ? Number(route.params.id) : null }),
  },
  {
    path: '/replies',
    name: 'replies',
    component: () => import('./views/RepliesView.vue'),
    meta: { permission: 'replies.read' },
  },
  {
    path: '/no-access',
    name: 'no-access',
    component: () => import('./views/NoAccessView.vue'),
    props: (route) => ({ from: String(route.query.from ?? '') }),
  },
  {
    path: '/getting-started',
    name: 'getting-started',
    component: () => import('./views/GettingStartedView.vue'),
    meta: { permission: 'settings.write' },
  },
  {
    path: '/dashboard',
    name: 'dashboard',
    component: () => import('./views/DashboardView.vue'),
    meta: { permission: 'dashboard.read' },
  },
  {
    path: '/contacts',
    name: 'contacts',
    component: () => import('./views/ContactsView.vue'),
    meta: { permission: 'contacts.read' },
  },
  {
    path: '/lists',
    name: 'lists',
    component: () => import('./views/ListsView.vue'),
    meta: { permission: 'lists.read' },
  },
  {
    path: '/lists/:id',
    name: 'list',
    component: () => import('./views/ListDetailView.vue'),
    meta: { permission: 'lists.read' },
    props: (route) => ({ id: Number(route.params.id) }),
  },
  {
    path: '/campaigns',
    name: 'campaigns',
    component: () => import('./views/CampaignsView.vue'),
    meta: { permission: 'campaigns.read' },
  },
  {
    path: '/campaigns/new',
    name: 'campaign-new',
    component: () => import('./views/CampaignEditorView.vue'),
    meta: { permission: 'campaigns.write' },
  },
  {
    path: '/campaigns/:id/edit',
    name: 'campaign-edit',
    component: () => import('./views/CampaignEditorView.vue'),
    meta: { permission: 'campaigns.write' },
    props: (route) => ({ id: Number(route.params.id) }),
  },
  {
    path: '/campaigns/:id',
    name: 'campaign',
    component: () => import('./views/CampaignDetailView.vue'),
    meta: { permission: 'campaigns.read' },
    props: (route) => ({ id: Number(route.params.id) }),
  },
  {
    path: '/templates',
    name: 'templates',
    component: () => import('./views/TemplatesView.vue'),
    meta: { permission: 'templates.read' },
  },
  {
    path: '/media',
    name: 'media',
    component: () => import('./views/MediaLibraryView.vue'),
    meta: { permission: 'media.read' },
  },
  {
    path: '/phone-numbers',
    name: 'phone-numbers',
    component: () => import('./views/PhoneNumbersView.vue'),
    meta: { permission: 'settings.read' },
  },
  {
    path: '/phone-numbers/:id/profile',
    name: 'business-profile',
    component: () => import('./views/BusinessProfileView.vue'),
    meta: { permission: 'settings.read' },
    props: (route) => ({ phoneNumberId: String(route.params.id) }),
  },
  {
    path: '/members',
    name: 'members',
    component: () => import('./views/MembersView.vue'),
    meta: { permission: 'members.read' },
  },
  {
    path: '/roles',
    name: 'roles',
    component: () => import('./views/RolesView.vue'),
    meta: { permission: 'roles.read' },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('./views/SettingsView.vue'),
    meta: { permission: 'settings.read' },
  },
  {
    path: '/api-tokens',
    name: 'tokens',
    component: () => import('./views/ApiTokensView.vue'),
    meta: { permission: 'tokens.read' },
  },
  {
    path: '/audit',
    name: 'audit',
    component: () => import('./views/AuditLogView.vue'),
    meta: { permission: 'audit.read' },
  },
  // Never shown: the guard sends `/` to the first section the user may open.
  { path: '/', name: 'home', component: () => import('./views/WelcomeView.vue') },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

/** Hash history: works from file:// inside Electron and from the bridge alike. */
export const router = createRouter({ history: createWebHashHistory(), routes });

/**
 * Where a signed-in user lands: Getting started while the owner has not dismissed it, else the
 * first section they may use, or a welcome page saying why there is none.
 */
export function homePath(): string {
  const session = useSessionStore();
  return sectionsFor(session.can, session.featureOn)[0]?.path ?? '/welcome';
}

/** Counts navigations, so a guard that waited can tell whether the user has gone elsewhere since. */
let latestNavigation = 0;

router.beforeEach(async (to) => {
  const navigation = ++latestNavigation;
  /**
   * A navigation overtaken while its guard waited (the user clicked a section while the page after
   * sign-in was still loading) must not redirect: vue-router follows a redirect even from an
   * overtaken navigation, which took the user back to Getting started. Letting it through lets
   * vue-router cancel it in favour of the newer one.
   */
  const overtaken = () => navigation !== latestNavigation;
  const session = useSessionStore();
  // The first navigation of a reloaded page must know who is signed in before it decides.
  await session.start().catch(() => undefined);
  if (overtaken()) return true;
  if (to.meta.public) return session.signedIn ? { name: 'home' } : true;
  if (!session.signedIn) return { name: 'login' };
  if (session.mustChangePassword && to.name !== 'change-password') return { name: 'change-password' };
  const gettingStarted = useGettingStartedStore();
  if (session.can('settings.write') && !gettingStarted.status && !session.mustChangePassword) {
    await gettingStarted.load().catch(() => undefined);
    if (overtaken()) return true;
  }
  if (to.name === 'home') return homePath();
  // Say so rather than silently sending them elsewhere.
  if (to.meta.permission && !canAny(session.can, to.meta.permission)) {
    return { name: 'no-access', query: { from: to.fullPath } };
  }
  return true;
});
