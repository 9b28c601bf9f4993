import type { RunningCampaign } from './campaign-watch';

/** How the WhatsApp side looks from here: the tray's icon and first line. */
export type ConnectionState =
  { kind: 'connected' } | { kind: 'sandbox' } | { kind: 'problem'; problem: string } | { kind: 'stopping' };

export type TrayCommand =
  | { kind: 'open'; route?: string }
  | { kind: 'pauseAll' }
  | { kind: 'toggleDoNotDisturb' }
  | { kind: 'installUpdate' }
  | { kind: 'quit' };

export type TrayItem =
  | { type: 'separator' }
  | { type: 'label'; label: string }
  | { type: 'action'; label: string; command: TrayCommand; enabled: boolean }
  | { type: 'checkbox'; label: string; checked: boolean; command: TrayCommand };

export interface TrayModel {
  icon: 'ok' | 'sandbox' | 'problem';
  /** The hover text (Windows, Linux) in one or a few short lines. */
  tooltip: string;
  /** The unread count beside the menu-bar icon on macOS; empty when none. */
  title: string;
  items: TrayItem[];
  /** The dock / taskbar badge. */
  badge: number;
}

export interface TrayInput {
  organization: string;
  connection: ConnectionState;
  /** Null when the person this computer notifies may not read campaigns (or nobody signed in yet). */
  campaigns: RunningCampaign[] | null;
  /** Null when there is no inbox count to show (none built, or nobody to count for). */
  unread: number | null;
  doNotDisturb: boolean;
  /** The person this computer notifies may pause campaigns. */
  canPauseCampaigns: boolean;
  /** Any campaign is running, whether or not this person may see which. */
  anyRunning: boolean;
  update: { version: string; ready: boolean } | null;
}

const number = (n: number) => n.toLocaleString('en');

export function campaignLine(campaign: RunningCampaign): string {
  const done = campaign.sent + campaign.failed;
  const percent = campaign.total > 0 ? Math.floor((done / campaign.total) * 100) : 0;
  return `${campaign.name}: ${number(done)} of ${number(campaign.total)} (${percent}%)`;
}

function connectionLine(connection: ConnectionState): string {
  switch (connection.kind) {
    case 'connected':
      return 'Connected to WhatsApp';
    case 'sandbox':
      return 'Sandbox: practice mode, nothing reaches real customers';
    case 'problem':
      return `Problem: ${connection.problem}`;
    case 'stopping':
      return 'Stopping: waiting for WhatsApp’s answers…';
  }
}

/** What the tray shows and offers, from the state at a glance. Pure: the tray only draws it. */
export function trayModel(input: TrayInput): TrayModel {
  const stopping = input.connection.kind === 'stopping';
  const icon =
    input.connection.kind === 'problem' ? 'problem' : input.connection.kind === 'sandbox' ? 'sandbox' : 'ok';
  const items: TrayItem[] = [{ type: 'label', label: connectionLine(input.connection) }];
  const tooltip = [`Wapidesk — ${input.organization}`, connectionLine(input.connection)];

  const campaigns = input.campaigns ?? [];
  if (campaigns.length) {
    items.push({ type: 'separator' });
    items.push({
      type: 'label',
      label: campaigns.length === 1 ? 'Sending:' : `Sending ${campaigns.length} campaigns:`,
    });
    for (const campaign of campaigns.slice(0, 5)) {
      items.push({
        type: 'action',
        label: campaignLine(campaign),
        command: { kind: 'open', route: `/campaigns/${campaign.id}` },
        enabled: !stopping,
      });
    }
    if (campaigns.length > 5) items.push({ type: 'label', label: `and ${campaigns.length - 5} more` });
    tooltip.push(
      campaigns.length === 1 ? campaignLine(campaigns[0]!) : `${campaigns.length} campaigns sending`,
    );
  } else if (input.anyRunning) {
    tooltip.push('A campaign is sending');
  }

  const unread = input.unread ?? 0;
  if (input.unread !== null) {
    items.push({ type: 'separator' });
    items.push({
      type: 'action',
      label: unread ? `${number(unread)} unread in the inbox` : 'Inbox: nothing unread',
      command: { kind: 'open', route: '/inbox' },
      enabled: !stopping,
    });
    if (unread) tooltip.push(`${number(unread)} unread`);
  }

  items.push({ type: 'separator' });
  items.push({ type: 'action', label: 'Open Wapidesk', command: { kind: 'open' }, enabled: !stopping });
  if (input.canPauseCampaigns && campaigns.length) {
    items.push({
      type: 'action',
      label: 'Pause all campaigns',
      command: { kind: 'pauseAll' },
      enabled: !stopping,
    });
  }
  items.push({
    type: 'checkbox',
    label: 'Do not disturb',
    checked: input.doNotDisturb,
    command: { kind: 'toggleDoNotDisturb' },
  });
  if (input.update?.ready) {
    items.push({
      type: 'action',
      label: `Restart to update to ${input.update.version}`,
      command: { kind: 'installUpdate' },
      enabled: !stopping,
    });
  }
  items.push({ type: 'separator' });
  items.push({ type: 'action', label: 'Quit Wapidesk', command: { kind: 'quit' }, enabled: !stopping });

  return {
    icon,
    tooltip: tooltip.join('\n'),
    title: unread ? number(unread) : '',
    items,
    badge: unread,
  };
}
