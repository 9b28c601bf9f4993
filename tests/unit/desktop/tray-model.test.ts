import { describe, expect, it } from 'vitest';
import { trayModel, type TrayInput, type TrayItem } from '../../../electron/core/desktop/tray-model';

const BASE: TrayInput = {
  organization: 'Corner Store',
  connection: { kind: 'connected' },
  campaigns: [],
  unread: null,
  doNotDisturb: false,
  canPauseCampaigns: true,
  anyRunning: false,
  update: null,
};

const labels = (items: TrayItem[]) => items.flatMap((item) => ('label' in item ? [item.label] : []));
const command = (items: TrayItem[], label: string) => {
  const found = items.find((item) => 'label' in item && item.label === label);
  return found && 'command' in found ? found.command : undefined;
};

describe('what the tray shows at a glance', () => {
  it('says connected, sandbox or the problem, with an icon for each', () => {
    expect(trayModel(BASE)).toMatchObject({ icon: 'ok', tooltip: expect.stringContaining('Connected') });
    const sandbox = trayModel({ ...BASE, connection: { kind: 'sandbox' } });
    expect(sandbox.icon).toBe('sandbox');
    expect(labels(sandbox.items)[0]).toMatch(/^Sandbox/);
    const problem = trayModel({
      ...BASE,
      connection: { kind: 'problem', problem: 'the tunnel is down (timeout)' },
    });
    expect(problem.icon).toBe('problem');
    expect(labels(problem.items)[0]).toBe('Problem: the tunnel is down (timeout)');
    expect(problem.tooltip).toContain('the tunnel is down');
  });

  it('lists running campaigns with their progress, each opening its page', () => {
    const model = trayModel({
      ...BASE,
      anyRunning: true,
      campaigns: [{ id: 12, name: 'Diwali sale', sent: 1200, failed: 40, total: 5000 }],
    });
    expect(labels(model.items)).toContain('Diwali sale: 1,240 of 5,000 (24%)');
    expect(command(model.items, 'Diwali sale: 1,240 of 5,000 (24%)')).toEqual({
      kind: 'open',
      route: '/campaigns/12',
    });
    expect(model.tooltip).toContain('Diwali sale: 1,240 of 5,000 (24%)');
    expect(command(model.items, 'Pause all campaigns')).toEqual({ kind: 'pauseAll' });
  });

  it('offers "Pause all" only to someone allowed to pause, and names no campaign to someone who may not read them', () => {
    const running = [{ id: 1, name: 'Secret launch', sent: 1, failed: 0, total: 10 }];
    const cannotPause = trayModel({
      ...BASE,
      anyRunning: true,
      campaigns: running,
      canPauseCampaigns: false,
    });
    expect(labels(cannotPause.items)).not.toContain('Pause all campaigns');
    const cannotRead = trayModel({ ...BASE, anyRunning: true, campaigns: null });
    expect(JSON.stringify(cannotRead)).not.toContain('Secret launch');
    expect(cannotRead.tooltip).toContain('A campaign is sending');
  });

  it('shows the unread count, as a badge too, and nothing about the inbox when there is no count', () => {
    const none = trayModel(BASE);
    expect(none.badge).toBe(0);
    expect(none.title).toBe('');
    expect(labels(none.items).some((l) => /inbox|unread/i.test(l))).toBe(false);
    const three = trayModel({ ...BASE, unread: 3 });
    expect(three).toMatchObject({ badge: 3, title: '3' });
    expect(command(three.items, '3 unread in the inbox')).toEqual({ kind: 'open', route: '/inbox' });
    expect(labels(trayModel({ ...BASE, unread: 0 }).items)).toContain('Inbox: nothing unread');
  });

  it('always offers open, do not disturb and quit; restart only with an update ready', () => {
    const model = trayModel({ ...BASE, doNotDisturb: true });
    expect(command(model.items, 'Open Wapidesk')).toEqual({ kind: 'open' });
    expect(model.items.find((i) => i.type === 'checkbox')).toMatchObject({
      label: 'Do not disturb',
      checked: true,
    });
    expect(command(model.items, 'Quit Wapidesk')).toEqual({ kind: 'quit' });
    expect(labels(model.items).some((l) => l.startsWith('Restart'))).toBe(false);
    const update = trayModel({ ...BASE, update: { version: '0.2.0', ready: true } });
    expect(command(update.items, 'Restart to update to 0.2.0')).toEqual({ kind: 'installUpdate' });
  });

  it('while stopping, says so and offers nothing more', () => {
    const model = trayModel({
      ...BASE,
      connection: { kind: 'stopping' },
      anyRunning: true,
      campaigns: [{ id: 1, name: 'A', sent: 0, failed: 0, total: 1 }],
    });
    expect(labels(model.items)[0]).toMatch(/^Stopping/);
    for (const item of model.items) if (item.type === 'action') expect(item.enabled, item.label).toBe(false);
  });
});
