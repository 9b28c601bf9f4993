import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fail, ok } from '../../helpers/dispatch';
import { signInOwner } from '../../helpers/people';
import { makeTestCore, type TestCore } from '../../helpers/test-core';

let tc: TestCore;
let owner: string;
beforeAll(async () => {
  tc = await makeTestCore();
  owner = await signInOwner(tc);
});
afterAll(() => tc.close());

describe('tags survive a CSV export and re-import', () => {
  it('refuses "|" in a tag, as exported CSV joins tags with it', async () => {
    const error = await fail(tc.core, owner, 'contacts.create', {
      name: 'A',
      phone: '+919812345678',
      tags: ['vip|gold'],
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.[0]?.field).toBe('tags.0');
  });

  it('round-trips ordinary tags through export and import', async () => {
    await ok(tc.core, owner, 'contacts.create', {
      name: 'B',
      phone: '+919812345679',
      tags: ['vip', 'gold buyer'],
    });
    const exported = await ok(tc.core, owner, 'contacts.export', {});
    expect(exported.csv).toContain('vip');
    expect(exported.csv).toMatch(/gold buyer\|vip|vip\|gold buyer/);
  });
});
