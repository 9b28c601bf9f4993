import type { Permission } from '@shared/permissions';

/** The sections of the app that are built. A user sees only those their permissions open. */
export interface Section {
  name: string;
  title: string;
  icon: string;
  path: string;
  permission: Permission;
}

export const SECTIONS: Section[] = [
  // First: where those who may see it land.
  {
    name: 'dashboard',
    title: 'Dashboard',
    icon: 'mdi-view-dashboard',
    path: '/dashboard',
    permission: 'dashboard.read',
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
  {
    name: 'members',
    title: 'Members',
    icon: 'mdi-account-multiple',
    path: '/members',
    permission: 'members.read',
  },
  { name: 'roles', title: 'Roles', icon: 'mdi-shield-account', path: '/roles', permission: 'roles.read' },
  { name: 'settings', title: 'Settings', icon: 'mdi-cog', path: '/settings', permission: 'settings.read' },
  {
    name: 'tokens',
    title: 'API tokens',
    icon: 'mdi-key-variant',
    path: '/api-tokens',
    permission: 'tokens.read',
  },
];

export function sectionsFor(can: (permission: Permission) => boolean): Section[] {
  return SECTIONS.filter((section) => can(section.permission));
}
