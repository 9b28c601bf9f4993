import { AppError } from '@shared/errors';
import type { CoreContext } from '../core-context';

/** Quick and keyword replies exist only with IS_QUICK_KEYWORD_REPLIES_ENABLED (config.toml [features]). */
export function repliesEnabled(ctx: CoreContext): boolean {
  return ctx.config.features.IS_QUICK_KEYWORD_REPLIES_ENABLED;
}

export function assertFeatureOn(ctx: CoreContext): void {
  if (!repliesEnabled(ctx)) {
    throw new AppError(
      'CONFLICT',
      'Quick and keyword replies are switched off (IS_QUICK_KEYWORD_REPLIES_ENABLED in config.toml)',
    );
  }
}
