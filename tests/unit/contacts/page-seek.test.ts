import { describe, expect, it } from 'vitest';
import { planPageRead, seekCondition, type PageEdges } from '../../../electron/core/contacts/page-seek';

const edges = (page: number): PageEdges => ({
  first: { value: `first of ${page}`, id: page * 100 },
  last: { value: `last of ${page}`, id: page * 100 + 24 },
});
const seen = (...pages: number[]) => new Map(pages.map((p) => [p, edges(p)]));

describe('planPageRead', () => {
  it('reads the next page from just past the page before it, skipping nothing', () => {
    expect(planPageRead(500, 25, 66_533, seen(1, 499))).toEqual({
      backward: false,
      from: edges(499).last,
      offset: 0,
      limit: 25,
    });
  });

  it('reads the previous page backwards from the start of the page after it', () => {
    expect(planPageRead(2_660, 25, 66_533, seen(1, 2_662, 2_661))).toEqual({
      backward: true,
      from: edges(2_661).first,
      offset: 0,
      limit: 25,
    });
  });

  it('reads the last page, however short, backwards from the end', () => {
    // 66,533 rows: page 2,662 holds the last 8.
    expect(planPageRead(2_662, 25, 66_533, seen(1))).toEqual({
      backward: true,
      from: null,
      offset: 0,
      limit: 8,
    });
  });

  it('jumps from whichever known point is nearest', () => {
    expect(planPageRead(10, 25, 66_533, seen(1))).toEqual({
      backward: false,
      from: edges(1).last,
      offset: 200,
      limit: 25,
    });
    expect(planPageRead(2_600, 25, 66_533, new Map())).toMatchObject({
      backward: true,
      from: null,
      offset: 1_533,
    });
    expect(planPageRead(3, 25, 66_533, new Map())).toEqual({
      backward: false,
      from: null,
      offset: 50,
      limit: 25,
    });
  });
});

describe('seekCondition', () => {
  it('seeks by the sort value and then the id', () => {
    expect(seekCondition('c.name_key', false, true, { value: 'asha', id: 7 })).toEqual({
      sql: '(c.name_key, c.id) > (?, ?)',
      params: ['asha', 7],
    });
    expect(seekCondition('c.name_key', false, false, { value: 'asha', id: 7 }).sql).toBe(
      '(c.name_key, c.id) < (?, ?)',
    );
  });

  it('places empty values first, as SQLite orders them', () => {
    const col = 'c.last_inbound_at';
    expect(seekCondition(col, true, true, { value: null, id: 7 })).toEqual({
      sql: `((${col} IS NULL AND c.id > ?) OR ${col} IS NOT NULL)`,
      params: [7],
    });
    expect(seekCondition(col, true, false, { value: null, id: 7 }).sql).toBe(`(${col} IS NULL AND c.id < ?)`);
    expect(seekCondition(col, true, false, { value: '2026-01-01', id: 7 }).sql).toBe(
      `((${col}, c.id) < (?, ?) OR ${col} IS NULL)`,
    );
  });
});
