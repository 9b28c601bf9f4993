import type { Core } from '../../../electron/core/create-core';
import { ok } from '../../helpers/dispatch';
import { signIn } from '../../helpers/people';
import { OWNER } from '../../helpers/test-core';

/** The super admin of a fresh core, past the forced first password change. */
export async function ownerOf(core: Core): Promise<string> {
  const first = await signIn(core, OWNER.username, OWNER.initialPassword);
  await ok(core, first.token, 'auth.changePassword', {
    currentPassword: OWNER.initialPassword,
    newPassword: OWNER.password,
  });
  return first.token;
}
