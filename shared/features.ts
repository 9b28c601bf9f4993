/** Feature flags from `[features]` in config.toml, with the defaults of the product design. */
export const FEATURE_DEFAULTS = {
  /** Off: every signed-in user holds every permission except managing members and roles. */
  IS_ROLE_BASED_ACCESS_CONTROL_ENABLED: true,
  /** One process holds the UI, the database and the server (the desktop app always is). */
  IS_SINGLE_BINARY_MODE_ENABLED: true,
  /** The token API at /api/v1 for the shop's own systems. */
  IS_INTEGRATIONS_ENABLED: true,
  /** Quick replies and keyword auto replies in the inbox. */
  IS_QUICK_KEYWORD_REPLIES_ENABLED: true,
  /** Installed and run by the shop itself rather than a managed host. */
  IS_SELF_HOSTED: true,
} as const;

export type FeatureFlag = keyof typeof FEATURE_DEFAULTS;
export type FeatureFlags = Record<FeatureFlag, boolean>;
