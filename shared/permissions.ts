/**
 * The permission catalogue. Every operation in `shared/operations` names one of these keys, the role
 * editor groups them by `group`, and the dispatcher checks them. Adding a permission here is the only
 * step needed for it to appear in the role editor.
 */
export const PERMISSION_GROUPS = [
  'Members',
  'Roles',
  'Contacts',
  'Lists',
  'Templates',
  'Campaigns',
  'Conversations',
  'Media',
  'Replies',
  'Dashboard',
  'Settings',
  'Audit log',
  'API tokens',
] as const;
export type PermissionGroup = (typeof PERMISSION_GROUPS)[number];

interface PermissionInfo {
  group: PermissionGroup;
  label: string;
}

export const PERMISSIONS = {
  'members.read': { group: 'Members', label: 'See members' },
  'members.write': { group: 'Members', label: 'Create and edit members, assign their roles' },
  'roles.read': { group: 'Roles', label: 'See roles' },
  'roles.write': { group: 'Roles', label: 'Create, edit and delete roles' },
  'contacts.read': { group: 'Contacts', label: 'See contacts' },
  'contacts.write': { group: 'Contacts', label: 'Create and edit contacts' },
  'contacts.import': { group: 'Contacts', label: 'Import contacts from CSV' },
  'contacts.delete': { group: 'Contacts', label: 'Delete contacts' },
  'lists.read': { group: 'Lists', label: 'See lists' },
  'lists.write': { group: 'Lists', label: 'Create and edit lists' },
  'templates.read': { group: 'Templates', label: 'See templates' },
  'templates.write': { group: 'Templates', label: 'Create and delete templates' },
  'campaigns.read': { group: 'Campaigns', label: 'See campaigns' },
  'campaigns.write': { group: 'Campaigns', label: 'Create and edit campaigns' },
  'campaigns.run': { group: 'Campaigns', label: 'Start, pause and cancel campaigns' },
  'campaigns.analytics': { group: 'Campaigns', label: 'See campaign analytics' },
  'conversations.read_all': { group: 'Conversations', label: 'Read all conversations' },
  'conversations.read_assigned': {
    group: 'Conversations',
    label: 'Read conversations assigned to me',
  },
  'conversations.reply': { group: 'Conversations', label: 'Reply in conversations' },
  'conversations.assign': { group: 'Conversations', label: 'Assign conversations' },
  'media.read': { group: 'Media', label: 'See the media library' },
  'media.write': { group: 'Media', label: 'Upload and delete media' },
  'replies.read': { group: 'Replies', label: 'See auto and quick replies' },
  'replies.write': { group: 'Replies', label: 'Edit auto and quick replies' },
  'dashboard.read': { group: 'Dashboard', label: 'See the dashboard' },
  'settings.read': { group: 'Settings', label: 'See settings' },
  'settings.write': { group: 'Settings', label: 'Change settings and phone numbers' },
  'audit.read': { group: 'Audit log', label: 'See who changed what, and when' },
  'tokens.read': { group: 'API tokens', label: 'See one’s own API tokens' },
  'tokens.write': { group: 'API tokens', label: 'Create API tokens and revoke one’s own' },
  'tokens.manage': { group: 'API tokens', label: 'Revoke and see everyone’s API tokens' },
} as const satisfies Record<string, PermissionInfo>;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/**
 * The groups whose screens (or API endpoints) exist, so the role and token pickers offer only
 * permissions that open something. A group joins this list with its screen: the inbox adds
 * Conversations and Replies, the dashboard adds Dashboard. Media is offered already: campaigns use
 * the media library through it and the token API serves media.
 */
export const OFFERED_PERMISSION_GROUPS: readonly PermissionGroup[] = [
  'Members',
  'Roles',
  'Contacts',
  'Lists',
  'Templates',
  'Campaigns',
  'Media',
  'Settings',
  'Audit log',
  'API tokens',
];

/** The permissions the pickers show, in catalogue order. */
export const OFFERED_PERMISSIONS: readonly Permission[] = (Object.keys(PERMISSIONS) as Permission[]).filter(
  (p) => OFFERED_PERMISSION_GROUPS.includes(PERMISSIONS[p].group),
);

/** Withheld from everyone but the super admin when role-based access control is switched off. */
export const PEOPLE_MANAGEMENT_PERMISSIONS: readonly Permission[] = ['members.write', 'roles.write'];

export function isPermission(value: string): value is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, value);
}
