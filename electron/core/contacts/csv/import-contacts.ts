import { AppError } from '@shared/errors';
import type {
  ImportCheck,
  ImportFieldChanges,
  ImportMode,
  ImportReport,
  ImportRowError,
  ImportTarget,
} from '@shared/types/contacts';
import type { Actor } from '../../auth/actor';
import type { CoreContext } from '../../core-context';
import { assertListsExist } from '../../lists/membership';
import { csvLine } from './csv-format';
import { estimateRows } from './decode';
import { writeBatch } from './import-batch';
import { changesSomething, loadExisting, plannedChange } from './import-diff';
import { RowValidator, type ImportRow } from './import-rows';
import { readLayout } from './preview';
import { readRecords } from './read-records';
import { indexMergingHold, mergeSearchIndex } from '../search-index-merge';

export interface ImportRequest {
  importId: string;
  content: Buffer;
  mapping: readonly ImportTarget[];
  listIds: readonly number[];
  tags: readonly string[];
  mode: ImportMode;
}

/**
 * Rows per transaction: large enough to be fast (import-batch.ts), small enough that other writes
 * wait a fraction of a second; an urgent write ends the transaction sooner.
 */
export const IMPORT_BATCH_ROWS = 2000;
/** Bad rows listed in the report itself; `skipped` and `errorCsv` always hold all of them. */
export const REPORTED_ERRORS = 1000;
/** Rows written after which the full-text index is merged into one segment. */
const MERGE_INDEX_AFTER = 5000;
/** Records read between turns of the event loop, for the batch being written beside the reading. */
const YIELD_EVERY_RECORDS = 20;

/** Where a batch's write failed: the first line it did not write. */
interface WriteStop {
  error: unknown;
  line: number;
}

/** Ends the reading loop when the batch written beside it failed. */
class ImportStopped extends Error {
  constructor(readonly stop: WriteStop) {
    super('import stopped');
  }
}

interface Progress {
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportRowError[];
  warnings: ImportRowError[];
}

/**
 * Imports a CSV file: streams it through csv-parse, checks each row, and writes valid rows in
 * batches of IMPORT_BATCH_ROWS, each batch one transaction through ctx.tx.run. A batch is all or
 * nothing, so an import that fails half-way leaves whole batches in and no row half-written, and
 * the error says which line it stopped at; importing the same file again is safe because known
 * numbers are updated, never duplicated.
 */
export class ContactImporter {
  constructor(
    private readonly ctx: CoreContext,
    private readonly batchRows = IMPORT_BATCH_ROWS,
    /** How the file's records are read; a test counts them to see the reading run ahead. */
    private readonly read = readRecords,
  ) {}

  async run(actor: Actor | null, request: ImportRequest): Promise<ImportReport> {
    const layout = readLayout(request.content);
    checkMapping(request.mapping, layout.headers.length);
    await assertListsExist(this.ctx.db.manager, request.listIds, 'listIds');
    const estimate = estimateRows(request.content, layout.detected.start);
    const validator = new RowValidator(request.mapping, this.ctx.organization.defaultCountry);
    const progress: Progress = {
      records: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: [],
      warnings: [],
    };
    let batch: ImportRow[] = [];
    let header = true;
    let lastLine = 1;
    // The batch being written while the next one is read and checked: SQLite works on its own
    // thread, so reading beside it keeps both cores busy (issue 15). At most one is in flight, so
    // batches are written in the file's order and memory holds two of them.
    let writing: Promise<WriteStop | null> = Promise.resolve(null);
    let taken = 0;
    const startWriting = (rows: ImportRow[]) => {
      // The records read so far: those after are the next batch's, not yet written.
      const processed = progress.records;
      writing = this.write(rows, processed, request, progress, estimate).then(
        () => null,
        // `write` drops rows as they are written, so rows[0] is the first line not written.
        (error: unknown) => ({ error, line: rows[0]?.line ?? lastLine }),
      );
    };
    const stopIfFailed = async () => {
      const stop = await writing;
      if (stop) throw new ImportStopped(stop);
    };

    const merging = indexMergingHold(this.ctx.tx);
    await merging.hold();
    try {
      for await (const item of this.read(request.content, layout.detected, layout.delimiter)) {
        lastLine = item.line;
        // The parser hands records over without returning to the event loop; the write's
        // statements answer through it, so it gets a turn every few dozen records (every few
        // hundred left each statement waiting for a slice of parsing: no faster than not overlapping).
        if (++taken % YIELD_EVERY_RECORDS === 0) await new Promise((resolve) => setImmediate(resolve));
        if (item.kind === 'unreadable') {
          progress.records++;
          progress.errors.push({ row: item.line, reason: item.reason, values: [] });
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        progress.records++;
        const checked = validator.check(item);
        if (!checked.ok) progress.errors.push(checked.error);
        else {
          batch.push(checked.row);
          if (checked.row.phone?.warning)
            progress.warnings.push({
              row: item.line,
              reason: checked.row.phone.warning,
              values: item.values,
            });
        }
        if (batch.length >= this.batchRows) {
          await stopIfFailed();
          startWriting(batch);
          batch = [];
        }
      }
      await stopIfFailed();
      startWriting(batch);
      await stopIfFailed();
    } catch (error) {
      // A failed read waits for the write in flight, so the report counts what it wrote.
      const stop =
        error instanceof ImportStopped
          ? error.stop
          : ((await writing) ?? { error, line: batch[0]?.line ?? lastLine });
      throw await this.failed(actor, request, progress, stop.line, stop.error);
    } finally {
      await merging.release();
    }

    await this.ctx.tx.run(async (m) => {
      await this.ctx.audit.record(m, {
        actorUserId: actor?.user.id ?? null,
        action: 'contacts.imported',
        targetType: 'import',
        targetId: request.importId,
        details: this.summary(request, progress),
      });
    });
    // Each batch left a small segment in the full-text index; merged, the broadest searches are a
    // little faster. In steps, so a webhook's acknowledgement never waits for all of it.
    if (progress.created + progress.updated >= MERGE_INDEX_AFTER) await mergeSearchIndex(this.ctx.tx);
    this.ctx.events.publish('import.progress', {
      importId: request.importId,
      processed: progress.records,
      total: progress.records,
    });
    this.publishChanged(request, progress);
    const errors = [...progress.errors].sort((a, b) => a.row - b.row);
    return {
      importId: request.importId,
      totalRows: progress.records,
      created: progress.created,
      updated: progress.updated,
      unchanged: progress.unchanged,
      skipped: progress.errors.length,
      errors: errors.slice(0, REPORTED_ERRORS),
      errorCsv: errorCsv(layout.headers, errors),
      warned: progress.warnings.length,
      warnings: progress.warnings.slice(0, REPORTED_ERRORS),
    };
  }

  /**
   * What `run` would do with the same file and mapping, without writing: reads it the same way,
   * checks the rows the same way and compares them with the contacts they would update through
   * the same `plannedChange`, a batch at a time.
   */
  async check(request: Omit<ImportRequest, 'importId' | 'listIds' | 'mode'>): Promise<ImportCheck> {
    const layout = readLayout(request.content);
    checkMapping(request.mapping, layout.headers.length);
    const validator = new RowValidator(request.mapping, this.ctx.organization.defaultCountry);
    const noChanges = (): ImportFieldChanges => ({ contacts: 0, name: 0, email: 0, attributes: 0, tags: 0 });
    const result: ImportCheck = {
      totalRows: 0,
      new: 0,
      existing: 0,
      changes: { overwrite: noChanges(), fill_empty: noChanges() },
      skipped: 0,
      warned: 0,
    };
    let batch: ImportRow[] = [];
    const compare = async () => {
      const existing = await loadExisting(this.ctx.db.manager, batch);
      for (const row of batch) {
        const contact = existing.of(row);
        if (!contact) {
          result.new++;
          continue;
        }
        result.existing++;
        for (const mode of ['overwrite', 'fill_empty'] as const) {
          const change = plannedChange(row, contact, mode, request.tags);
          const counts = result.changes[mode];
          if (changesSomething(change)) counts.contacts++;
          if (change.name !== null) counts.name++;
          if (change.email !== null) counts.email++;
          if (Object.keys(change.attributes).length) counts.attributes++;
          if (change.newTags.length) counts.tags++;
        }
      }
      batch = [];
    };
    let header = true;
    for await (const item of this.read(request.content, layout.detected, layout.delimiter)) {
      if (item.kind === 'unreadable') {
        result.totalRows++;
        result.skipped++;
        continue;
      }
      if (header) {
        header = false;
        continue;
      }
      result.totalRows++;
      const checked = validator.check(item);
      if (!checked.ok) {
        result.skipped++;
        continue;
      }
      if (checked.row.phone?.warning) result.warned++;
      batch.push(checked.row);
      if (batch.length >= this.batchRows) await compare();
    }
    await compare();
    return result;
  }

  private async write(
    batch: ImportRow[],
    processed: number,
    request: ImportRequest,
    progress: Progress,
    estimate: number,
  ): Promise<void> {
    while (batch.length) {
      const outcome = await this.ctx.tx.run((m) =>
        writeBatch(
          m,
          batch,
          { listIds: request.listIds, tags: request.tags, mode: request.mode, now: this.ctx.clock.now() },
          () => this.ctx.tx.urgentWaiting,
        ),
      );
      progress.created += outcome.created;
      progress.updated += outcome.updated;
      progress.unchanged += outcome.unchanged;
      // What is left starts the next transaction; on a failure, batch[0] is where the import stopped.
      batch.splice(0, outcome.written);
    }
    this.ctx.events.publish('import.progress', {
      importId: request.importId,
      processed,
      total: Math.max(estimate, progress.records),
    });
  }

  /** The error for an import that stopped: what went in, what did not, and that a retry is safe. */
  private async failed(
    actor: Actor | null,
    request: ImportRequest,
    progress: Progress,
    stoppedAtLine: number,
    error: unknown,
  ): Promise<AppError> {
    this.ctx.logger.error(`import ${request.importId} stopped`, error);
    const imported = progress.created + progress.updated + progress.unchanged;
    const unchanged = progress.unchanged ? `, ${progress.unchanged} unchanged` : '';
    const skippedBefore = progress.errors.filter((e) => e.row < stoppedAtLine).length;
    const message =
      `The import stopped at line ${stoppedAtLine}: ${imported} contacts were imported (${progress.created} ` +
      `new, ${progress.updated} updated${unchanged}) and ${skippedBefore} bad rows skipped before that line; nothing ` +
      `from line ${stoppedAtLine} on was imported. Importing the same file again is safe: contacts ` +
      `already imported are updated, not duplicated.` +
      (error instanceof AppError ? ` (${error.message})` : ' (The details are in the log.)');
    try {
      await this.ctx.tx.run((m) =>
        this.ctx.audit.record(m, {
          actorUserId: actor?.user.id ?? null,
          action: 'contacts.import_failed',
          targetType: 'import',
          targetId: request.importId,
          details: { ...this.summary(request, progress), stoppedAtLine },
        }),
      );
    } catch (auditError) {
      this.ctx.logger.error(`import ${request.importId}: could not record the failure`, auditError);
    }
    if (imported) this.publishChanged(request, progress);
    return new AppError(error instanceof AppError ? error.code : 'INTERNAL', message, {
      fields: error instanceof AppError ? error.fields : undefined,
    });
  }

  private summary(request: ImportRequest, progress: Progress): Record<string, unknown> {
    return {
      rows: progress.records,
      created: progress.created,
      updated: progress.updated,
      unchanged: progress.unchanged,
      skipped: progress.errors.length,
      warned: progress.warnings.length,
      listIds: request.listIds,
      tags: request.tags,
      mode: request.mode,
    };
  }

  private publishChanged(request: ImportRequest, progress: Progress): void {
    if (progress.created || progress.updated)
      this.ctx.events.publish('contacts.changed', { reason: 'contacts.imported' });
    // Contacts the file left unchanged still joined the chosen lists.
    if (request.listIds.length && progress.created + progress.updated + progress.unchanged)
      this.ctx.events.publish('lists.changed', { reason: 'contacts.imported' });
  }
}

/**
 * One target per column, a phone column or a user id column (customers who hide their number), and
 * no field or attribute mapped twice.
 */
function checkMapping(mapping: readonly ImportTarget[], columns: number): void {
  const invalid = (field: string, message: string) =>
    new AppError('VALIDATION', message, { fields: [{ field, message }] });
  if (mapping.length !== columns) {
    throw invalid('mapping', `The file has ${columns} columns: choose one target for each`);
  }
  if (!mapping.includes('phone') && !mapping.includes('user_id'))
    throw invalid('mapping', 'Choose the column that holds the phone number');
  const seen = new Set<string>();
  mapping.forEach((target, index) => {
    if (target === 'ignore') return;
    if (seen.has(target)) {
      throw invalid(
        `mapping.${index}`,
        `Only one column can go to ${target.replace('attribute:', 'attribute ')}`,
      );
    }
    seen.add(target);
  });
}

/** The skipped rows as the file had them plus a reason, ready to fix and import again. */
function errorCsv(headers: readonly string[], errors: readonly ImportRowError[]): string {
  if (!errors.length) return '';
  const lines = [csvLine([...headers, 'reason'])];
  for (const error of errors) {
    const values = headers.map((_, i) => error.values[i] ?? '');
    // Cells beyond the header (a "too many columns" row) follow the reason, so no column shifts.
    lines.push(csvLine([...values, error.reason, ...error.values.slice(headers.length)]));
  }
  return lines.join('');
}
