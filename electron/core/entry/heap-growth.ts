import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived the last full collection before it
 * collects again: here 30%. Left to itself V8 picks up to four times on a machine with much memory
 * and collects lazily, so a 100,000-recipient campaign took the app from 180 MB to 380–400 MB and
 * rising though what it kept was under 200 MB (issue 15, bench/rss.ts). A heap cap would do it too,
 * but the cap can only be given at launch, which the packaged app cannot (its fuses turn
 * NODE_OPTIONS off); the growth factor is read at every collection, so it can be set once the
 * process runs. Measured on the built bundle, five runs each: 30% peaks at 220–254 MB (median 236)
 * at the same speed; 20% at 223–246 MB but the import 15% and the campaign 8% slower; 50% at
 * 242–265 MB (median 248), rising by the quarter; 100% at 268 MB. The price: full collections come
 * more often, and one inside a burst of webhooks puts a ~25 ms pause in its p99 (bench/README.md).
 */
export const HEAP_GROWING_PERCENT = 30;

/** Called first by the long-running entries (the Electron main process and headless mode). */
export function keepHeapGrowthModest(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
