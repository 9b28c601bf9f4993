import { marks } from './sql';

/**
 * How many rows one set-based write carries. Its statements are prepared once per text, so a set of
 * rows is cut into pieces of these sizes, the last filled up with filler rows: 0 and then NULLs,
 * which the statement must skip (no message has id 0; the inbox skips a NULL body).
 */
const SIZES = [50, 10] as const;

/**
 * Runs `write` with the `VALUES` rows and parameters of each piece of `rows` (each `[key, …values]`,
 * all of one width), in order: for `UPDATE messages … FROM (VALUES …) AS v WHERE messages.id =
 * v.column1`, or `INSERT … SELECT … FROM (VALUES …) AS v WHERE v.column2 IS NOT NULL`.
 */
export async function forEachValuesPiece(
  rows: readonly (readonly unknown[])[],
  write: (values: string, params: unknown[]) => Promise<void>,
): Promise<void> {
  const width = rows[0]?.length ?? 0;
  const row = `(${marks(width)})`;
  for (let i = 0; i < rows.length; i += SIZES[0]) {
    const piece = rows.slice(i, i + SIZES[0]);
    const size = piece.length <= SIZES[1] ? SIZES[1] : SIZES[0];
    const params = piece.flat();
    // Filler rows (0, NULL, …) fill the statement up to its size: the statement skips them.
    for (let filler = piece.length; filler < size; filler++)
      params.push(0, ...new Array<null>(width - 1).fill(null));
    await write(new Array<string>(size).fill(row).join(', '), params);
  }
}
