import { AppError } from '@shared/errors';
import type { CampaignStatus } from '@shared/types/campaigns';

/** What a person (or the runner) may do to a campaign, and the states each action is legal in. */
export type CampaignAction =
  | 'update'
  | 'delete'
  | 'schedule'
  | 'start'
  | 'pause'
  | 'resume'
  | 'cancel'
  | 'finish'
  | 'resolveUnconfirmed';

const LEGAL_FROM: Record<CampaignAction, readonly CampaignStatus[]> = {
  update: ['draft', 'scheduled'],
  delete: ['draft'],
  // Scheduling again moves the time; a scheduled campaign may also be started at once.
  schedule: ['draft', 'scheduled'],
  start: ['draft', 'scheduled'],
  pause: ['running'],
  resume: ['paused'],
  cancel: ['scheduled', 'running', 'paused'],
  finish: ['running'],
  // Unconfirmed rows only exist once a campaign has sent; a finished one may still hold some.
  resolveUnconfirmed: ['running', 'paused', 'finished'],
};

const VERB: Record<CampaignAction, string> = {
  update: 'edited',
  delete: 'deleted',
  schedule: 'scheduled',
  start: 'started',
  pause: 'paused',
  resume: 'resumed',
  cancel: 'cancelled',
  finish: 'finished',
  resolveUnconfirmed: 'asked about unconfirmed messages',
};

export function canDo(action: CampaignAction, status: CampaignStatus): boolean {
  return LEGAL_FROM[action].includes(status);
}

/** CONFLICT naming the current state when the action is not legal in it. */
export function assertCan(action: CampaignAction, status: CampaignStatus): void {
  if (canDo(action, status)) return;
  const allowed = LEGAL_FROM[action].join(' or ');
  throw new AppError(
    'CONFLICT',
    `This campaign is ${status}: it can only be ${VERB[action]} when it is ${allowed}`,
  );
}
