import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { AppError } from '@shared/errors';
import type { FeatureFlag } from '@shared/features';
import type { Permission } from '@shared/permissions';
import type { SessionInfo, SystemInfo } from '@shared/types/people';
import { call } from '@/api/client';

export const useSessionStore = defineStore('session', () => {
  const session = ref<SessionInfo | null>(null);
  const system = ref<SystemInfo | null>(null);
  /** Why the last session ended, shown on the sign-in screen. */
  const endedReason = ref<string | null>(null);

  const user = computed(() => session.value?.user ?? null);
  const signedIn = computed(() => session.value !== null);
  const mustChangePassword = computed(() => session.value?.user.mustChangePassword ?? false);

  function can(permission: Permission): boolean {
    return session.value?.user.permissions.includes(permission) ?? false;
  }

  function featureOn(flag: FeatureFlag): boolean {
    return session.value?.features[flag] ?? false;
  }

  async function loadSystem() {
    system.value = await call('system.info', {});
  }

  let started: Promise<void> | null = null;
  /**
   * Once per page: the system info and any existing session (a reload of the page or window). The
   * router waits for it before its first navigation, so a reload stays on the page it was on.
   */
  function start(): Promise<void> {
    started ??= Promise.all([loadSystem(), restore()]).then(() => undefined);
    return started;
  }

  /** Picks up an existing session (a reload of the page or window); false when there is none. */
  async function restore(): Promise<boolean> {
    try {
      session.value = await call('auth.session', {});
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'UNAUTHENTICATED') {
        session.value = null;
        return false;
      }
      throw error;
    }
  }

  async function login(login: string, password: string) {
    const result = await call('auth.login', { login, password });
    endedReason.value = null;
    session.value = result.session;
  }

  async function logout(reason: string | null = null) {
    try {
      await call('auth.logout', {});
    } finally {
      session.value = null;
      endedReason.value = reason;
    }
  }

  async function changePassword(currentPassword: string, newPassword: string) {
    session.value = await call('auth.changePassword', { currentPassword, newPassword });
  }

  /** The session ended elsewhere (password changed in another window, account disabled). */
  function ended(reason: string) {
    session.value = null;
    endedReason.value = reason;
  }

  return {
    session,
    system,
    endedReason,
    user,
    signedIn,
    mustChangePassword,
    can,
    featureOn,
    loadSystem,
    restore,
    start,
    login,
    logout,
    changePassword,
    ended,
  };
});
