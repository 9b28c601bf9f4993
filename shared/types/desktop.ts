/** The desktop app's preferences for this computer, as the Settings screen shows them. */
export interface DesktopPreferencesDto {
  /** The app starts, hidden in the tray, when the user logs in to the computer. */
  launchAtLogin: boolean;
  /** False where the app cannot register itself at login (a development build run from source). */
  launchAtLoginAvailable: boolean;
  /** No notification is shown while on. */
  doNotDisturb: boolean;
  notificationSound: boolean;
  /** Notifications on this computer are filtered by what the caller may see (they signed in last here). */
  notifiesYou: boolean;
}
