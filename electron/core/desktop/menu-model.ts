/**
 * The application menu, as data: electron/main/app-menu.ts turns it into Electron's Menu. Standard
 * entries (edit, window, quit) are Electron roles so each platform gets its native behaviour and
 * shortcuts; ours open a place in the window (a route of the renderer's hash router).
 */

/** Electron menu roles used here (a subset of Electron's `role` values). */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'close'
  | 'windowMenu';

export type MenuCommand = { kind: 'open'; route: string } | { kind: 'about' } | { kind: 'quit' };

export type MenuEntry =
  | { type: 'separator' }
  | { type: 'role'; role: MenuRole; label?: string }
  | { type: 'command'; label: string; accelerator?: string; command: MenuCommand };

export interface MenuSection {
  label: string;
  /** macOS: the application menu and Window menu are special to the system. */
  role?: 'appMenu' | 'windowMenu' | 'help';
  entries: MenuEntry[];
}

/** The places the menu and its shortcuts open. `/inbox` is the shared inbox's route. */
export const MENU_ROUTES = {
  newCampaign: '/campaigns/new',
  searchContacts: '/contacts?focus=search',
  inbox: '/inbox',
  contacts: '/contacts',
  campaigns: '/campaigns',
  templates: '/templates',
  settings: '/settings',
} as const;

const open = (route: string): MenuCommand => ({ kind: 'open', route });

export function applicationMenu(platform: NodeJS.Platform, options: { devTools: boolean }): MenuSection[] {
  const mac = platform === 'darwin';
  const preferences: MenuEntry = {
    type: 'command',
    label: mac ? 'Settings…' : 'Settings',
    accelerator: 'CmdOrCtrl+,',
    command: open(MENU_ROUTES.settings),
  };
  const quit: MenuEntry = {
    type: 'command',
    label: mac ? 'Quit Wapidesk' : 'Quit',
    accelerator: mac ? 'Cmd+Q' : 'Ctrl+Q',
    command: { kind: 'quit' },
  };
  const sections: MenuSection[] = [];

  if (mac) {
    sections.push({
      label: 'Wapidesk',
      role: 'appMenu',
      entries: [
        { type: 'command', label: 'About Wapidesk', command: { kind: 'about' } },
        { type: 'separator' },
        preferences,
        { type: 'separator' },
        { type: 'role', role: 'services' },
        { type: 'separator' },
        { type: 'role', role: 'hide' },
        { type: 'role', role: 'hideOthers' },
        { type: 'role', role: 'unhide' },
        { type: 'separator' },
        quit,
      ],
    });
  }

  sections.push({
    label: mac ? 'File' : '&File',
    entries: [
      {
        type: 'command',
        label: 'New campaign',
        accelerator: 'CmdOrCtrl+N',
        command: open(MENU_ROUTES.newCampaign),
      },
      {
        type: 'command',
        label: 'Search contacts',
        accelerator: 'CmdOrCtrl+K',
        command: open(MENU_ROUTES.searchContacts),
      },
      { type: 'separator' },
      { type: 'role', role: 'close', label: 'Close window' },
      ...(mac
        ? []
        : ([{ type: 'separator' }, preferences, { type: 'separator' }, quit] satisfies MenuEntry[])),
    ],
  });

  sections.push({
    label: mac ? 'Edit' : '&Edit',
    entries: [
      { type: 'role', role: 'undo' },
      { type: 'role', role: 'redo' },
      { type: 'separator' },
      { type: 'role', role: 'cut' },
      { type: 'role', role: 'copy' },
      { type: 'role', role: 'paste' },
      ...(mac ? ([{ type: 'role', role: 'pasteAndMatchStyle' }] satisfies MenuEntry[]) : []),
      { type: 'role', role: 'delete' },
      { type: 'separator' },
      { type: 'role', role: 'selectAll' },
    ],
  });

  sections.push({
    label: mac ? 'Go' : '&Go',
    entries: [
      { type: 'command', label: 'Inbox', accelerator: 'CmdOrCtrl+1', command: open(MENU_ROUTES.inbox) },
      { type: 'command', label: 'Contacts', accelerator: 'CmdOrCtrl+2', command: open(MENU_ROUTES.contacts) },
      {
        type: 'command',
        label: 'Campaigns',
        accelerator: 'CmdOrCtrl+3',
        command: open(MENU_ROUTES.campaigns),
      },
      {
        type: 'command',
        label: 'Templates',
        accelerator: 'CmdOrCtrl+4',
        command: open(MENU_ROUTES.templates),
      },
    ],
  });

  sections.push({
    label: mac ? 'View' : '&View',
    entries: [
      { type: 'role', role: 'resetZoom' },
      { type: 'role', role: 'zoomIn' },
      { type: 'role', role: 'zoomOut' },
      { type: 'separator' },
      { type: 'role', role: 'togglefullscreen' },
      ...(options.devTools
        ? ([
            { type: 'separator' },
            { type: 'role', role: 'reload' },
            { type: 'role', role: 'toggleDevTools' },
          ] satisfies MenuEntry[])
        : []),
    ],
  });

  sections.push({
    label: mac ? 'Window' : '&Window',
    role: 'windowMenu',
    entries: mac
      ? [
          { type: 'role', role: 'minimize' },
          { type: 'role', role: 'zoom' },
          { type: 'separator' },
          { type: 'role', role: 'front' },
        ]
      : [
          { type: 'role', role: 'minimize' },
          { type: 'role', role: 'close' },
        ],
  });

  if (!mac) {
    sections.push({
      label: '&Help',
      role: 'help',
      entries: [{ type: 'command', label: 'About Wapidesk', command: { kind: 'about' } }],
    });
  }
  return sections;
}

/** Every shortcut of the menu, for the test that no two entries share one. */
export function menuAccelerators(sections: readonly MenuSection[]): string[] {
  return sections.flatMap((section) =>
    section.entries.flatMap((entry) =>
      entry.type === 'command' && entry.accelerator ? [entry.accelerator] : [],
    ),
  );
}
