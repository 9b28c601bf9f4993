import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import type { Permission } from '@shared/permissions';
import { sectionsFor } from './navigation';
import { useSessionStore } from './stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
    permission?: Permission;
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
  {
    path: '/change-password',
    name: 'change-password',
    component: () => import('./views/ChangePasswordView.vue'),
  },
  { path: '/welcome', name: 'welcome', component: () => import('./views/WelcomeView.vue') },
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
  { path: '/', name: 'home', redirect: () => homePath() },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

/** Hash history: works from file:// inside Electron and from the bridge alike. */
export const router = createRouter({ history: createWebHashHistory(), routes });

/** Where a signed-in user lands: the first section they may use, or a welcome page saying why none. */
export function homePath(): string {
  const session = useSessionStore();
  return sectionsFor(session.can)[0]?.path ?? '/welcome';
}

router.beforeEach(async (to) => {
  const session = useSessionStore();
  // The first navigation of a reloaded page must know who is signed in before it decides.
  await session.start().catch(() => undefined);
  if (to.meta.public) return session.signedIn ? homePath() : true;
  if (!session.signedIn) return { name: 'login' };
  if (session.mustChangePassword && to.name !== 'change-password') return { name: 'change-password' };
  if (to.meta.permission && !session.can(to.meta.permission)) return homePath();
  return true;
});
