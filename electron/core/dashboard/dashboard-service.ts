import type {
  DashboardCampaignDto,
  DashboardContactsDto,
  DashboardDayDto,
  DashboardDto,
  DashboardSpendingDto,
  OptOutCounts,
} from '@shared/types/dashboard';
import { fromSqlDateOrNull, select } from '../db/sql';
import { currentCampaignTallies, type TalliedCampaignRow } from '../campaigns/campaign-tallies';
import { contactTotals, type ContactTotals } from '../contacts/contact-totals';
import { conversationFigures } from '../conversations/conversation-figures';
import type { CoreContext } from '../core-context';
import type { PhoneNumberRow } from '../db/entities/messaging';
import type { ReadManager } from '../db/read-db';
import { organizationRow } from '../organization/organization-row';
import { allPhoneNumbers } from '../phone-numbers/phone-number-rows';
import { portfolioLimit } from '../portfolio/messaging-limit';
import { reachNow } from '../portfolio/reach';
import { periodCost } from '../pricing/cost';
import { pricedMessagesByDay } from '../pricing/messages-by-day';
import { qualityHistorySince } from '../quality/quality-history';
import { dayRanges, daySql, type DayRange } from './day-ranges';

/**
 * The dashboard's figures for the last 7, 30 or 90 days of the organization's time zone. Every
 * figure comes from rows kept up to date as messages, statuses and contacts are written (activity
 * and pricing buckets, campaign tallies, contact totals, portfolio reach): never from a scan of
 * the messages table, so it costs the same at a million messages as at ten.
 */
export class DashboardService {
  constructor(private readonly ctx: CoreContext) {}

  async get(days: number): Promise<DashboardDto> {
    const m = this.ctx.db.manager;
    const now = this.ctx.clock.now();
    const org = await organizationRow(m);
    const timeZone = org?.timeZone ?? 'UTC';
    const ranges = dayRanges(timeZone, days, now);
    const from = ranges[0]!;
    const [numbers, qualityHistory, limit, reach, campaigns, activity, contacts, spending, conversations] =
      await Promise.all([
        numbersByDisplay(m),
        qualityHistorySince(m, from.start, 50),
        portfolioLimit(m),
        reachNow(m, now),
        campaignFigures(m, from.start),
        activityByDay(m, ranges),
        contactTotals(m),
        spendingByDay(m, ranges),
        conversationFigures(m, ranges),
      ]);
    return {
      period: {
        days,
        timeZone,
        from: from.start.toISOString(),
        to: now.toISOString(),
        dates: ranges.map((r) => r.date),
      },
      numbers: numbers.map((n) => ({
        id: n.id,
        displayPhoneNumber: n.displayPhoneNumber,
        verifiedName: n.verifiedName,
        qualityRating: n.qualityRating,
        messagingLimitTier: n.messagingLimitTier,
        throughputMps: n.throughputMps,
        status: n.status,
      })),
      qualityHistory,
      quota: {
        tier: limit.tier,
        dailyLimit: limit.dailyLimit,
        source: limit.source,
        used: reach.used,
        left: limit.dailyLimit === null ? null : Math.max(0, limit.dailyLimit - reach.used),
        nextRoomAt: reach.nextRoomAt?.toISOString() ?? null,
      },
      campaigns,
      contacts: contactFigures(contacts, activity),
      days: activity.days,
      spending,
      conversations,
    };
  }
}

/**
 * The account's numbers as the dashboard lists them, by the number shown (compared as SQLite's
 * ORDER BY does, not by locale); numbers shown alike stay in id order.
 */
async function numbersByDisplay(m: ReadManager): Promise<PhoneNumberRow[]> {
  const byDisplay = (a: PhoneNumberRow, b: PhoneNumberRow) =>
    a.displayPhoneNumber < b.displayPhoneNumber ? -1 : a.displayPhoneNumber > b.displayPhoneNumber ? 1 : 0;
  return (await allPhoneNumbers(m)).sort(byDisplay);
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/** Running, scheduled and finished-in-period campaigns with the same figures as each one's page. */
async function campaignFigures(m: ReadManager, since: Date): Promise<DashboardDto['campaigns']> {
  const rows = await currentCampaignTallies(m, since);
  const dto = (r: TalliedCampaignRow): DashboardCampaignDto => {
    const n = (v: number | null) => v ?? 0;
    const read = n(r.read);
    const delivered = n(r.delivered) + read;
    const sent = n(r.sent) + delivered;
    const failed = n(r.failed);
    const replied = n(r.replied);
    const queued = n(r.queued) + n(r.sending) + n(r.unconfirmed);
    const recipients = queued + sent + failed;
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      phoneNumberId: r.phone_number_id,
      scheduledAt: fromSqlDateOrNull(r.scheduled_at)?.toISOString() ?? null,
      startedAt: fromSqlDateOrNull(r.started_at)?.toISOString() ?? null,
      finishedAt: fromSqlDateOrNull(r.finished_at)?.toISOString() ?? null,
      recipients,
      queued,
      sent,
      delivered,
      read,
      replied,
      failed,
      rates: {
        delivery: share(delivered, recipients),
        read: share(read, recipients),
        reply: share(replied, recipients),
        failure: share(failed, recipients),
      },
    };
  };
  const all = rows.map(dto);
  const scheduled = all
    .filter((c) => c.status === 'scheduled')
    .sort((a, b) => (a.scheduledAt ?? '').localeCompare(b.scheduledAt ?? ''));
  const finished = all
    .filter((c) => c.finishedAt !== null && !['running', 'scheduled', 'paused'].includes(c.status))
    .sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''));
  const ranked = finished.filter((c) => c.sent > 0);
  const pick = (key: 'read' | 'reply', best: boolean) =>
    ranked.length === 0
      ? null
      : ranked.reduce((a, b) => ((best ? b.rates[key] > a.rates[key] : b.rates[key] < a.rates[key]) ? b : a));
  return {
    running: all.filter((c) => c.status === 'running' || c.status === 'paused'),
    scheduled,
    nextStartAt: scheduled[0]?.scheduledAt ?? null,
    finished,
    best: { byRead: pick('read', true), byReply: pick('reply', true) },
    worst: { byRead: pick('read', false), byReply: pick('reply', false) },
  };
}

interface ActivityRow {
  bucket: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  received: number;
  contacts_added: number;
  contacts_removed: number;
  opted_out_keyword: number;
  opted_out_manual: number;
  opted_out_whatsapp: number;
  opted_out_other: number;
  opted_in: number;
}

const noOptOuts = (): OptOutCounts => ({ keyword: 0, manual: 0, whatsapp: 0, other: 0 });

interface Activity {
  days: DashboardDayDto[];
  added: number[];
  removed: number[];
  optIns: number;
}

/** The period's quarter hours (at most 8,640 rows) summed into its days. */
async function activityByDay(m: ReadManager, ranges: readonly DayRange[]): Promise<Activity> {
  const day = daySql(ranges);
  const rows = await select<ActivityRow>(
    m,
    `SELECT ${day.sql} AS bucket, sum(sent) AS sent, sum(delivered) AS delivered, sum(read) AS read,
            sum(failed) AS failed, sum(received) AS received, sum(contacts_added) AS contacts_added,
            sum(contacts_removed) AS contacts_removed, sum(opted_out_keyword) AS opted_out_keyword,
            sum(opted_out_manual) AS opted_out_manual, sum(opted_out_whatsapp) AS opted_out_whatsapp,
            sum(opted_out_other) AS opted_out_other, sum(opted_in) AS opted_in
       FROM activity_buckets WHERE bucket >= ? AND bucket < ? GROUP BY 1`,
    [...day.params, ranges[0]!.fromBucket, ranges.at(-1)!.toBucket],
  );
  const days: DashboardDayDto[] = ranges.map((r) => ({
    date: r.date,
    sent: 0,
    delivered: 0,
    read: 0,
    failed: 0,
    received: 0,
    optOuts: noOptOuts(),
  }));
  const added = ranges.map(() => 0);
  const removed = ranges.map(() => 0);
  let optIns = 0;
  // `bucket` is the day's index here (summed in SQL).
  for (const row of rows) {
    const i = row.bucket;
    const day = days[i];
    if (!day) continue;
    day.sent += row.sent;
    day.delivered += row.delivered;
    day.read += row.read;
    day.failed += row.failed;
    day.received += row.received;
    day.optOuts.keyword += row.opted_out_keyword;
    day.optOuts.manual += row.opted_out_manual;
    day.optOuts.whatsapp += row.opted_out_whatsapp;
    day.optOuts.other += row.opted_out_other;
    added[i]! += row.contacts_added;
    removed[i]! += row.contacts_removed;
    optIns += row.opted_in;
  }
  return { days, added, removed, optIns };
}

function contactFigures(totals: ContactTotals, activity: Activity): DashboardContactsDto {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const optOutsInPeriod = activity.days.reduce((acc, d) => {
    acc.keyword += d.optOuts.keyword;
    acc.manual += d.optOuts.manual;
    acc.whatsapp += d.optOuts.whatsapp;
    acc.other += d.optOuts.other;
    return acc;
  }, noOptOuts());
  // Growth backwards from today's total: each day ends with what the next day started with.
  const growth: DashboardContactsDto['growth'] = [];
  let end = totals.total;
  for (let i = activity.days.length - 1; i >= 0; i--) {
    growth.unshift({
      date: activity.days[i]!.date,
      total: end,
      added: activity.added[i]!,
      removed: activity.removed[i]!,
    });
    end = end - activity.added[i]! + activity.removed[i]!;
  }
  const optedOut = {
    keyword: totals.opted_out_keyword,
    manual: totals.opted_out_manual,
    whatsapp: totals.opted_out_whatsapp,
    other: totals.opted_out_other,
  };
  return {
    total: totals.total,
    newInPeriod: sum(activity.added),
    removedInPeriod: sum(activity.removed),
    optedOut: { ...optedOut, total: optedOut.keyword + optedOut.manual + optedOut.whatsapp + optedOut.other },
    optOutsInPeriod,
    optInsInPeriod: activity.optIns,
    growth,
  };
}

/** Messages by pricing category and type per day, and the period's cost by the price table. */
async function spendingByDay(m: ReadManager, ranges: readonly DayRange[]): Promise<DashboardSpendingDto> {
  const fromBucket = ranges[0]!.fromBucket;
  const toBucket = ranges.at(-1)!.toBucket;
  const day = daySql(ranges);
  const [cost, rows] = await Promise.all([
    periodCost(m, fromBucket, toBucket),
    pricedMessagesByDay(m, day, fromBucket, toBucket),
  ]);
  const perDay = new Map<string, { date: string; category: string; type: string; messages: number }>();
  for (const row of rows) {
    const date = ranges[row.day]?.date;
    if (!date || row.messages === 0) continue;
    const key = `${date} ${row.category} ${row.type}`;
    const entry = perDay.get(key) ?? { date, category: row.category, type: row.type, messages: 0 };
    entry.messages += row.messages;
    perDay.set(key, entry);
  }
  return { ...cost, perDay: [...perDay.values()] };
}
