export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * The delimiter among , ; tab | that splits the header and the next lines into the same number of
 * fields. Quoted text is skipped, so "Rao, Asha" in a semicolon file does not vote for the comma.
 * A file with one column has no delimiter to find: comma.
 */
export function detectDelimiter(sample: string, maxLines = 50): Delimiter {
  const counts = countPerLine(sample, maxLines);
  const header = counts[0];
  if (!header) return ',';
  let best: Delimiter = ',';
  let bestScore = 0;
  DELIMITERS.forEach((delimiter, index) => {
    const inHeader = header[index]!;
    if (inHeader === 0) return;
    const agreeing = counts.filter((line) => line[index] === inHeader).length;
    // Agreement first; more fields break ties ("a;b,c" headers are rare, but be predictable).
    const score = agreeing * 1000 + Math.min(inHeader, 999);
    if (score > bestScore) {
      bestScore = score;
      best = delimiter;
    }
  });
  return best;
}

/** For each non-empty line (up to maxLines): how often each delimiter occurs outside quotes. */
function countPerLine(sample: string, maxLines: number): number[][] {
  const lines: number[][] = [];
  let current = DELIMITERS.map(() => 0);
  let quoted = false;
  let empty = true;
  for (const char of sample) {
    if (char === '"') {
      quoted = !quoted;
      empty = false;
    } else if (char === '\n' && !quoted) {
      if (!empty) lines.push(current);
      if (lines.length >= maxLines) return lines;
      current = DELIMITERS.map(() => 0);
      empty = true;
    } else if (!quoted) {
      const index = DELIMITERS.indexOf(char as Delimiter);
      if (index >= 0) current[index]!++;
      if (char !== '\r') empty = false;
    }
  }
  if (!empty) lines.push(current);
  return lines;
}
