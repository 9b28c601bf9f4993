import { describe, expect, it } from 'vitest';
import { mergeMemberships } from '../../../electron/core/contacts/merge-contacts';

const NOW = new Date(Date.UTC(2030, 0, 20, 12, 0, 0));
const at = (day: number) => `2030-01-${String(day).padStart(2, '0')} 09:00:00.000`;

describe('mergeMemberships', () => {
  it('unions the lists, keeping the earliest subscription and subscribed if either is', () => {
    const merged = mergeMemberships(
      [
        { list_id: 1, subscribed: 0, subscribed_at: at(5), unsubscribed_at: at(8) },
        { list_id: 2, subscribed: 1, subscribed_at: at(3), unsubscribed_at: null },
      ],
      [
        { list_id: 1, subscribed: 1, subscribed_at: at(2), unsubscribed_at: null },
        { list_id: 3, subscribed: 0, subscribed_at: at(1), unsubscribed_at: at(4) },
        { list_id: 2, subscribed: 0, subscribed_at: at(1), unsubscribed_at: at(2) },
      ],
      false,
      NOW,
    );
    expect(merged.sort((a, b) => a.list_id - b.list_id)).toEqual([
      { list_id: 1, subscribed: 1, subscribed_at: at(2), unsubscribed_at: null },
      { list_id: 2, subscribed: 1, subscribed_at: at(1), unsubscribed_at: null },
      { list_id: 3, subscribed: 0, subscribed_at: at(1), unsubscribed_at: at(4) },
    ]);
  });

  it('keeps the latest unsubscription when neither is subscribed', () => {
    const [merged] = mergeMemberships(
      [{ list_id: 1, subscribed: 0, subscribed_at: at(5), unsubscribed_at: at(6) }],
      [{ list_id: 1, subscribed: 0, subscribed_at: at(1), unsubscribed_at: at(9) }],
      false,
      NOW,
    );
    expect(merged).toEqual({ list_id: 1, subscribed: 0, subscribed_at: at(1), unsubscribed_at: at(9) });
  });

  it('unsubscribes everything when the merged contact is opted out', () => {
    const merged = mergeMemberships(
      [{ list_id: 1, subscribed: 1, subscribed_at: at(5), unsubscribed_at: null }],
      [{ list_id: 2, subscribed: 0, subscribed_at: at(1), unsubscribed_at: at(2) }],
      true,
      NOW,
    );
    expect(merged).toEqual([
      { list_id: 1, subscribed: 0, subscribed_at: at(5), unsubscribed_at: '2030-01-20 12:00:00.000' },
      { list_id: 2, subscribed: 0, subscribed_at: at(1), unsubscribed_at: at(2) },
    ]);
  });
});
