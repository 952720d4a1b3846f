import type { HttpServer } from '@emporium/platform/http';
import { runIdempotentRequest } from '@emporium/platform/idempotency';
import type { Static } from '@sinclair/typebox';
import { normaliseCouponCode, type PromotionDefinition } from '../domain/promotion.ts';
import { PromotionNotFound } from '../errors.ts';
import { changePromotion, createPromotion, type PromotionChanges } from '../promotions/promotion-changes.ts';
import { findPromotion, listPromotions } from '../store/promotions-store.ts';
import {
  NewPromotionBody,
  PromotionChangesBody,
  PromotionIdParams,
  PromotionListQuery,
  PromotionListView,
  PromotionView,
} from './promotion-schemas.ts';
import { toPromotionView } from './promotion-view.ts';
import { ADMIN_SECURITY, type RouteOptions } from './route-options.ts';

const ADMIN = { tags: ['promotions (admin)'], security: ADMIN_SECURITY };

/** Promotions and coupons, for admins: list, read, create, change (withdraw with active: false). */
export function adminPromotionRoutes(app: HttpServer, { db, requireAdmin, clock }: RouteOptions): void {
  app.get(
    '/admin/promotions',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'Promotions and coupons with their status and uses, a page at a time',
        querystring: PromotionListQuery,
        response: { 200: PromotionListView },
      },
    },
    async (request) => {
      const { kind, limit = 50, cursor } = request.query;
      // One extra row says whether another page follows.
      const rows = await listPromotions(db, {
        coupons: kind === undefined ? undefined : kind === 'coupon',
        limit: limit + 1,
        after: cursor,
      });
      const page = rows.slice(0, limit);
      const now = clock();
      return {
        promotions: page.map((promotion) => toPromotionView(promotion, now)),
        nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  );

  app.get(
    '/admin/promotions/:id',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'One promotion',
        params: PromotionIdParams,
        response: { 200: PromotionView },
      },
    },
    async (request) => {
      const promotion = await findPromotion(db, { id: request.params.id });
      if (!promotion) throw PromotionNotFound(`There is no promotion ${request.params.id}`);
      return toPromotionView(promotion, clock());
    },
  );

  app.post(
    '/admin/promotions',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'Create a promotion, or a coupon (with couponCode)',
        description:
          'Needs an Idempotency-Key: a retried create answers the first promotion instead of a second one.',
        body: NewPromotionBody,
        response: { 201: PromotionView },
      },
    },
    async (request, reply) => {
      const now = clock();
      const view = await runIdempotentRequest(
        db,
        { request, reply },
        { scope: 'pricing.create-promotion', request: request.body, keyRequired: true },
        async (trx) =>
          toPromotionView(await createPromotion(trx, newDefinition(request.body, now), now), now),
      );
      reply.code(201).header('location', `/admin/promotions/${view.id}`);
      return view;
    },
  );

  app.patch(
    '/admin/promotions/:id',
    {
      onRequest: requireAdmin,
      schema: {
        ...ADMIN,
        summary: 'Change a promotion; active: false withdraws it',
        description: 'Takes an optional Idempotency-Key. Uses already counted stay.',
        params: PromotionIdParams,
        body: PromotionChangesBody,
        response: { 200: PromotionView },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const now = clock();
      return runIdempotentRequest(
        db,
        { request, reply },
        { scope: 'pricing.change-promotion', request: { id, changes: request.body }, keyRequired: false },
        async (trx) => toPromotionView(await changePromotion(trx, id, changesOf(request.body), now), now),
      );
    },
  );
}

function newDefinition(body: Static<typeof NewPromotionBody>, now: Date): PromotionDefinition {
  return {
    name: body.name,
    kind: body.kind,
    value: body.value,
    currency: body.currency ?? null,
    scope: body.scope ?? 'all',
    targets: body.targets ?? [],
    startsAt: body.startsAt === undefined ? now : new Date(body.startsAt),
    endsAt: body.endsAt == null ? null : new Date(body.endsAt),
    couponCode: body.couponCode == null ? null : normaliseCouponCode(body.couponCode),
    usageLimit: body.usageLimit ?? null,
    minSubtotalMinor: body.minSubtotalMinor ?? null,
    stackable: body.stackable ?? false,
    active: body.active ?? true,
  };
}

function changesOf(body: Static<typeof PromotionChangesBody>): PromotionChanges {
  const { startsAt, endsAt, couponCode, ...rest } = body;
  return {
    ...rest,
    ...(startsAt === undefined ? {} : { startsAt: new Date(startsAt) }),
    ...(endsAt === undefined ? {} : { endsAt: endsAt === null ? null : new Date(endsAt) }),
    ...(couponCode === undefined
      ? {}
      : { couponCode: couponCode === null ? null : normaliseCouponCode(couponCode) }),
  };
}
