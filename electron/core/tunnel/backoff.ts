export interface BackoffOptions {
  /** The first delay. */
  initialMs: number;
  /** The delay never grows past this, so a tunnel comes back within this long of the network. */
  maxMs: number;
  /** How much each failure multiplies the delay by. */
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 2_000, maxMs: 5 * 60_000, factor: 2 };

/**
 * The delay before retry number `attempt` (0 for the first): exponential, bounded, with "equal
 * jitter" (half fixed, half random) so many installs behind one outage do not retry in step. With
 * factor 2, each delay is at least as long as the one before until the maximum is reached.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * options.factor ** Math.min(attempt, 60));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
