import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, MenuEntry, MenuSection } from '../core/desktop/menu-model';

function entry(item: MenuEntry, run: (command: MenuCommand) => void): MenuItemConstructorOptions {
  switch (item.type) {
    case 'separator':
      return { type: 'separator' };
    case 'role':
      return item.label ? { role: item.role, label: item.label } : { role: item.role };
    case 'command':
      return { label: item.label, accelerator: item.accelerator, click: () => run(item.command) };
  }
}

/** The application menu from core/desktop/menu-model.ts; its commands go to `run`. */
export function setApplicationMenu(sections: MenuSection[], run: (command: MenuCommand) => void): void {
  const template = sections.map((section): MenuItemConstructorOptions => ({
    label: section.label,
    ...(section.role === 'windowMenu' ? { role: 'windowMenu' as const } : {}),
    ...(section.role === 'help' ? { role: 'help' as const } : {}),
    submenu: section.entries.map((item) => entry(item, run)),
  }));
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
