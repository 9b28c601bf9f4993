/** pino-roll ships no types; this is the part of its API we use (it resolves to a SonicBoom stream). */
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';

  interface PinoRollOptions {
    file: string | (() => string);
    size?: number | string;
    frequency?: number | string;
    extension?: string;
    symlink?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    dateFormat?: string;
    mkdir?: boolean;
    /** Passed to sonic-boom: the mode new files are created with. */
    mode?: number;
  }

  interface RollingStream extends DestinationStream {
    end(): void;
    once(event: 'close' | 'finish' | 'error', listener: () => void): this;
  }

  export default function build(options: PinoRollOptions): Promise<RollingStream>;
}
