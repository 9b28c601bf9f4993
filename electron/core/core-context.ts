import type { AppConfig } from './config/schema';
import type { AuditLog } from './audit/audit-log';
import type { PasswordHasher } from './auth/password';
import type { ReadDb } from './db/read-db';
import type { WriteQueue } from './db/write-queue';
import type { EventBus } from './events/event-bus';
import type { Clock } from './util/clock';
import type { Logger } from './util/logger';

/** What every core service is built from. */
export interface CoreContext {
  config: AppConfig;
  /** Reads: a read-only connection that sees only committed data. */
  db: ReadDb;
  /** Writes: the one writer; every change is a transaction queued here. */
  tx: WriteQueue;
  clock: Clock;
  events: EventBus;
  audit: AuditLog;
  logger: Logger;
  /** scrypt at the production cost, or a small one the test suite chooses. */
  passwords: PasswordHasher;
}
