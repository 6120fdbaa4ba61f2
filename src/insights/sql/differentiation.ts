import type { DataSource } from 'typeorm';
import { UserLicense } from '../../store';

/** Cutoffs of one window: report days on or after `day`, sign-in-log instants after `instant`. */
export interface Window {
  day: string;
  instant: string;
}

export interface SkuServiceCount {
  skuId: string;
  /** app_activity.app, or null for "any service". */
  app: string | null;
  short: number;
  long: number;
}

/** Report days (and Visio's activation day) are compared as days, sign-in-log instants as instants. */
const recent = (w: 'w1' | 'w2') =>
  `(("a"."source" <> :signin AND "a"."lastActivityDate" >= :${w}day) OR ("a"."source" = :signin AND "a"."lastActivityDate" > :${w}instant))`;

/** Live holders per SKU (each user once, however many assignment rows). */
export async function holdersPerSku(store: DataSource, skuIds: readonly string[]): Promise<Map<string, number>> {
  if (skuIds.length === 0) return new Map();
  const rows = await store
    .getRepository(UserLicense)
    .createQueryBuilder('l')
    .select('"l"."skuId"', 'skuId')
    .addSelect('COUNT(DISTINCT "l"."userId")', 'n')
    .innerJoin('users', 'u', `"u"."id" = "l"."userId" AND COALESCE("u"."deactivatedDate", '') = ''`)
    .where('"l"."skuId" IN (:...skuIds)', { skuIds: [...skuIds] })
    .groupBy('"l"."skuId"')
    .getRawMany<{ skuId: string; n: number | string }>();
  return new Map(rows.map((r) => [r.skuId, Number(r.n)]));
}

/**
 * Holders of each SKU active in each service within a short and a long window (the 11
 * services of docs/product-rules.md R17), plus per SKU the holders active in any service (app null).
 */
export async function activeHoldersPerSkuService(
  store: DataSource,
  skuIds: readonly string[],
  short: Window,
  long: Window,
): Promise<SkuServiceCount[]> {
  if (skuIds.length === 0) return [];
  const params = {
    skuIds: [...skuIds],
    signin: 'signin',
    w1day: short.day,
    w1instant: short.instant,
    w2day: long.day,
    w2instant: long.instant,
  };
  const base = () =>
    store
      .getRepository(UserLicense)
      .createQueryBuilder('l')
      .innerJoin('users', 'u', `"u"."id" = "l"."userId" AND COALESCE("u"."deactivatedDate", '') = ''`)
      .innerJoin('app_activity', 'a', '"a"."userId" = "l"."userId"')
      .where('"l"."skuId" IN (:...skuIds)')
      .setParameters(params);
  const counts = (qb: ReturnType<typeof base>) =>
    qb
      .addSelect(`COUNT(DISTINCT CASE WHEN ${recent('w1')} THEN "a"."userId" END)`, 'short')
      .addSelect(`COUNT(DISTINCT CASE WHEN ${recent('w2')} THEN "a"."userId" END)`, 'long');
  const [perApp, any] = await Promise.all([
    counts(base().select('"l"."skuId"', 'skuId').addSelect('"a"."app"', 'app'))
      .groupBy('"l"."skuId", "a"."app"')
      .getRawMany<Record<string, unknown>>(),
    counts(base().select('"l"."skuId"', 'skuId')).groupBy('"l"."skuId"').getRawMany<Record<string, unknown>>(),
  ]);
  return [
    ...perApp.map((r) => ({
      skuId: String(r.skuId),
      app: String(r.app),
      short: Number(r.short),
      long: Number(r.long),
    })),
    ...any.map((r) => ({ skuId: String(r.skuId), app: null, short: Number(r.short), long: Number(r.long) })),
  ];
}
