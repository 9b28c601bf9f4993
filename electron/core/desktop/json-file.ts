import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';

/**
 * Small JSON files of the desktop app in the data folder (preferences, window state). A missing
 * file gives the schema's defaults; a damaged one too, with the reason, so a bad file never stops
 * the app. Writes go to a temporary file renamed over the old one, so a crash mid-write leaves
 * either the old or the new file, never half of one; only the user may read them.
 */
export function readJsonFile<S extends z.ZodType>(
  file: string,
  schema: S,
): { value: z.output<S>; problem: string | null } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { value: schema.parse({}), problem: missing ? null : `cannot read ${file}: ${String(error)}` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { value: schema.parse({}), problem: `${file} is not valid JSON; using the defaults` };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    return { value: schema.parse({}), problem: `${file} has unexpected values; using the defaults` };
  }
  return { value: parsed.data, problem: null };
}

export function writeJsonFile(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
