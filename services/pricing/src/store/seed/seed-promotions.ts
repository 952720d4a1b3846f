import type { Promotion } from '../../domain/promotion.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The demo promotions and coupons, one of each kind the rules know, with fixed ids so a
 * demo's adjustments read the same everywhere. Windows are relative to the seeding time
 * (`now`, at midnight UTC), so a fresh demo always has a live sale, a scheduled coupon and
 * an expired one:
 *
 * - WELCOME10: coupon, 10% off everything, no end, no limit;
 * - SAVE5: coupon, 5.00 EUR off EUR orders of 50.00 EUR or more, 1,000 uses;
 * - LAUNCH100: coupon, 20% off, all 100 uses taken (shows COUPON_USED_UP);
 * - SUMMER2024: coupon, 15% off, expired (shows COUPON_EXPIRED);
 * - BLACKFRIDAY: coupon, 25% off, valid from 30 days after seeding for 4 days;
 * - Audio week: automatic 15% off headphones and speakers for 90 days;
 * - Coffee corner: automatic 2.00 EUR off coffee of 20.00 EUR or more, EUR only;
 * - Book club: automatic, stackable 5% off every book category.
 */
export function seedPromotions(now: Date): Promotion[] {
  const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const daysFromToday = (days: number) => new Date(today.getTime() + days * DAY_MS);
  const base = {
    currency: null,
    scope: 'all',
    targets: [],
    startsAt: daysFromToday(-1),
    endsAt: null,
    couponCode: null,
    usageLimit: null,
    usedCount: 0,
    minSubtotalMinor: null,
    stackable: false,
    active: true,
  } satisfies Partial<Promotion>;
  return [
    {
      ...base,
      id: '5eed0000-0000-4000-8000-000000000001',
      name: 'Welcome',
      kind: 'percentage',
      value: 1000,
      couponCode: 'WELCOME10',
    },
    {
      ...base,
      id: '5eed0000-0000-4000-8000-000000000002',
      name: 'Five off fifty',
      kind: 'fixed',
      value: 500,
      currency: 'EUR',
      minSubtotalMinor: 5000,
      couponCode: 'SAVE5',
      usageLimit: 1000,
    },
    {
      ...base,
      id: '5eed0000-0000-4000-8000-000000000003',
      name: 'Launch party',
      kind: 'percentage',
      value: 2000,
      couponCode: 'LAUNCH100',
      usageLimit: 100,
      usedCount: 100,
    },
    {
      ...base,
      id: '5eed0000-0000-4000-8000-000000000004',
      name: 'Summer 2024',
      kind: 'percentage',
      value: 1500,
      couponCode: 'SUMMER2024',
      startsAt: new Date('2024-06-01T00:00:00Z'),
      endsAt: new Date('2024-09-01T00:00:00Z'),
    },
    {
      ...base,
      id: '5eed0000-0000-4000-8000-000000000005',
      name: 'Black Friday',
      kind: 'percentage',
      value: 2500,
      couponCode: 'BLACKFRIDAY',
      startsAt: daysFromToday(30),
      endsAt: daysFromToday(34),
    },
    {
      ...base,
      id: '5eed0000-0000-4000-8000-000000000006',
      name: 'Audio week',
      kind: 'percentage',
      value: 1500,
      scope: 'category',
      targets: ['headphones', 'speakers'],
      endsAt: daysFromToday(90),
    },
    {
      ...base,
      id: '5eed0000-0000-4000-8000-000000000007',
      name: 'Coffee corner',
      kind: 'fixed',
      value: 200,
      currency: 'EUR',
      minSubtotalMinor: 2000,
      scope: 'category',
      targets: ['coffee'],
    },
    {
      ...base,
      id: '5eed0000-0000-4000-8000-000000000008',
      name: 'Book club',
      kind: 'percentage',
      value: 500,
      scope: 'category',
      targets: ['fiction', 'cookbooks', 'childrens-books', 'travel-guides'],
      stackable: true,
    },
  ];
}
