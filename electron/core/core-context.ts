import type { AppConfig } from './config/schema';
import type { AuditLog } from './audit/audit-log';
import type { PasswordHasher } from './auth/password';
import type { ReadDb } from './db/read-db';
import type { WriteQueue } from './db/write-queue';
import type { EventBus } from './events/event-bus';
import type { Clock } from './util/clock';
import type { Logger } from './util/logger';
import type { OrganizationService } from './organization/organization-service';

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
  /** The organization as stored (name, default country, time zone, locale); config.toml seeds it once. */
  organization: OrganizationService;
  logger: Logger;
  /** scrypt at the production cost, or a small one the test suite chooses. */
  passwords: PasswordHasher;
}
