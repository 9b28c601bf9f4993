import { describe, expect, it } from 'vitest';
import { describeAuditDetails } from '@shared/audit-details';

describe('an audit entry’s details line', () => {
  it('leaves out what says nothing and keeps zero and false', () => {
    expect(
      describeAuditDetails({
        name: 'Asha Patel',
        listIds: [],
        tags: {},
        email: null,
        note: '',
        count: 0,
        optedOut: false,
      }),
    ).toBe('name: Asha Patel · count: 0 · optedOut: false');
  });

  it('writes lists and nested values as JSON', () => {
    expect(describeAuditDetails({ listIds: [3, 4], change: { from: 'a', to: 'b' } })).toBe(
      'listIds: [3,4] · change: {"from":"a","to":"b"}',
    );
  });
});
