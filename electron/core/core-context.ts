import type { DataSource } from 'typeorm';
import type { AppConfig } from './config/schema';
import type { AuditLog } from './audit/audit-log';
import type { TransactionQueue } from './db/serial-transaction';
import type { EventBus } from './events/event-bus';
import type { Clock } from './util/clock';
import type { Logger } from './util/logger';

/** What every core service is built from. */
export interface CoreContext {
  config: AppConfig;
  db: DataSource;
  tx: TransactionQueue;
  clock: Clock;
  events: EventBus;
  audit: AuditLog;
  logger: Logger;
}
