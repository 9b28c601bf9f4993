import type { FeatureFlag } from '@shared/features';
import type { Permission } from '@shared/permissions';
import { useGettingStartedStore } from './stores/getting-started';

/** The sections of the app that are built. A user sees only those their permissions open. */
export interface Section {
  name: string;
  title: string;
  icon: string;
  path: string;
  /** Any one of these opens the section. */
  permission: Permission | readonly Permission[];
  /** Shown only while this feature flag is on. */
  feature?: FeatureFlag;
  /** Shown only while this holds (Getting started, until dismissed). */
  when?: () => boolean;
}

export const SECTIONS: Section[] = [
  // The first a user may see is where they land: Getting started while a new shop has steps left,
  // then the dashboard.
  {
    name: 'getting-started',
    title: 'Getting started',
    icon: 'mdi-flag-checkered',
    path: '/getting-started',
    permission: 'settings.write',
    when: () => useGettingStartedStore().open,
  },
  {
    name: 'dashboard',
    title: 'Dashboard',
    icon: 'mdi-view-dashboard',
    path: '/dashboard',
    permission: 'dashboard.read',
  },
  {
    name: 'inbox',
    title: 'Inbox',
    icon: 'mdi-forum',
    path: '/inbox',
    permission: ['conversations.read_all', 'conversations.read_assigned'],
  },
  {
    name: 'contacts',
    title: 'Contacts',
    icon: 'mdi-card-account-phone',
    path: '/contacts',
    permission: 'contacts.read',
  },
  {
    name: 'lists',
    title: 'Lists',
    icon: 'mdi-format-list-bulleted',
    path: '/lists',
    permission: 'lists.read',
  },
  {
    name: 'campaigns',
    title: 'Campaigns',
    icon: 'mdi-bullhorn',
    path: '/campaigns',
    permission: 'campaigns.read',
  },
  {
    name: 'templates',
    title: 'Templates',
    icon: 'mdi-message-text',
    path: '/templates',
    permission: 'templates.read',
  },
  { name: 'media', title: 'Media', icon: 'mdi-image-multiple', path: '/media', permission: 'media.read' },
  {
    name: 'replies',
    title: 'Replies',
    icon: 'mdi-message-reply-text',
    path: '/replies',
    permission: 'replies.read',
    feature: 'IS_QUICK_KEYWORD_REPLIES_ENABLED',
  },
  {
    name: 'members',
    title: 'Members',
    icon: 'mdi-account-multiple',
    path: '/members',
    permission: 'members.read',
  },
  { name: 'roles', title: 'Roles', icon: 'mdi-shield-account', path: '/roles', permission: 'roles.read' },
  {
    name: 'phone-numbers',
    title: 'Phone numbers',
    icon: 'mdi-cellphone-message',
    path: '/phone-numbers',
    permission: 'settings.read',
  },
  { name: 'settings', title: 'Settings', icon: 'mdi-cog', path: '/settings', permission: 'settings.read' },
  {
    name: 'tokens',
    title: 'API tokens',
    icon: 'mdi-key-variant',
    path: '/api-tokens',
    permission: 'tokens.read',
  },
  { name: 'audit', title: 'Audit log', icon: 'mdi-history', path: '/audit', permission: 'audit.read' },
];

/** Whether any one of the permissions is held. */
export function canAny(
  can: (permission: Permission) => boolean,
  needed: Permission | readonly Permission[],
): boolean {
  return typeof needed === 'string' ? can(needed) : needed.some(can);
}

export function sectionsFor(
  can: (permission: Permission) => boolean,
  featureOn: (flag: FeatureFlag) => boolean = () => true,
): Section[] {
  return SECTIONS.filter(
    (section) =>
      canAny(can, section.permission) &&
      (!section.feature || featureOn(section.feature)) &&
      (section.when?.() ?? true),
  );
}

/** The section a path belongs to, for saying which one a user may not open. */
export function sectionOf(path: string): Section | undefined {
  return SECTIONS.find((section) => path === section.path || path.startsWith(`${section.path}/`));
}
