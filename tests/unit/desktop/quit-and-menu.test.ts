import { describe, expect, it } from 'vitest';
import { applicationMenu, menuAccelerators, MENU_ROUTES } from '../../../electron/core/desktop/menu-model';
import { quitPlan } from '../../../electron/core/desktop/quit-plan';
import { SHUTDOWN_WAIT_MS } from '../../../electron/core/entry/shutdown';

describe('quitPlan', () => {
  it('quits without a question when nothing is sending, waiting for answers in flight', () => {
    expect(quitPlan('user', 0)).toEqual({ ask: null, waitMs: SHUTDOWN_WAIT_MS });
  });

  it('asks first when a campaign is sending, with "Keep running" as the safe choice', () => {
    const plan = quitPlan('user', 1);
    expect(plan.ask?.message).toBe('A campaign is sending. Quit anyway?');
    expect(plan.ask?.buttons).toEqual(['Quit', 'Keep running']);
    expect(plan.ask?.detail).toMatch(/carries on where it stopped/);
    expect(quitPlan('user', 3).ask?.message).toBe('3 campaigns are sending. Quit anyway?');
    expect(quitPlan('update', 2).ask?.buttons[0]).toBe('Restart to update');
  });

  it('never asks when the system ends the session or a signal arrives, and is quick for the system', () => {
    expect(quitPlan('system', 4).ask).toBeNull();
    expect(quitPlan('system', 4).waitMs).toBeLessThan(5_000);
    expect(quitPlan('signal', 4)).toEqual({ ask: null, waitMs: SHUTDOWN_WAIT_MS });
  });
});

describe('the application menu', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`on ${platform} has the usual entries and our shortcuts, none twice`, () => {
      const menu = applicationMenu(platform, { devTools: false });
      const commands = menu.flatMap((s) => s.entries).filter((e) => e.type === 'command');
      const byRoute = (route: string) =>
        commands.find((e) => e.type === 'command' && e.command.kind === 'open' && e.command.route === route);
      expect(byRoute(MENU_ROUTES.newCampaign)).toMatchObject({ accelerator: 'CmdOrCtrl+N' });
      expect(byRoute(MENU_ROUTES.searchContacts)).toMatchObject({ accelerator: 'CmdOrCtrl+K' });
      expect(byRoute('/inbox')).toMatchObject({ label: 'Inbox', accelerator: 'CmdOrCtrl+1' });
      expect(byRoute(MENU_ROUTES.settings)).toMatchObject({ accelerator: 'CmdOrCtrl+,' });
      expect(commands.filter((e) => e.type === 'command' && e.command.kind === 'about')).toHaveLength(1);
      expect(commands.filter((e) => e.type === 'command' && e.command.kind === 'quit')).toHaveLength(1);
      const roles = menu.flatMap((s) => s.entries).flatMap((e) => (e.type === 'role' ? [e.role] : []));
      for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'minimize']) {
        expect(roles, role).toContain(role);
      }
      expect(roles).not.toContain('toggleDevTools');
      const accelerators = menuAccelerators(menu);
      expect(new Set(accelerators).size).toBe(accelerators.length);
    });
  }

  it('has the macOS application menu only on macOS, and developer tools only when asked', () => {
    expect(applicationMenu('darwin', { devTools: false })[0]).toMatchObject({
      label: 'Wapidesk',
      role: 'appMenu',
    });
    expect(applicationMenu('win32', { devTools: false }).some((s) => s.role === 'appMenu')).toBe(false);
    const dev = applicationMenu('linux', { devTools: true }).flatMap((s) => s.entries);
    expect(dev.some((e) => e.type === 'role' && e.role === 'toggleDevTools')).toBe(true);
  });
});
