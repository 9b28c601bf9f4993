import { parseArgs } from 'node:util';

export interface StartArguments {
  config?: string;
  dataDir?: string;
  rendererDir?: string;
  positionals: string[];
}

/** `--config FILE`, `--data-dir DIR` (and `--renderer-dir DIR` for headless mode). */
export function parseStartArguments(argv: string[]): StartArguments {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
    },
    allowPositionals: true,
    strict: false,
  });
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    config: text(values.config),
    dataDir: text(values['data-dir']),
    rendererDir: text(values['renderer-dir']),
    positionals,
  };
}
