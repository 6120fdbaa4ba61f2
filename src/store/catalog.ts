import type { DataSource } from 'typeorm';
import { DirectoryGroup, LicenseCost, Sku } from './entities';

/** The small tables the rules resolve in memory: SKUs, their cost records, and named groups. */
export interface Catalog {
  skus: Sku[];
  costs: LicenseCost[];
  groups: Pick<DirectoryGroup, 'id' | 'displayName'>[];
}

export async function readCatalog(store: DataSource): Promise<Catalog> {
  const [skus, costs, groups] = await Promise.all([
    store.getRepository(Sku).find({ order: { skuPartNumber: 'ASC' } }),
    store.getRepository(LicenseCost).find({ order: { id: 'ASC' } }),
    store.getRepository(DirectoryGroup).find({ select: ['id', 'displayName'] }),
  ]);
  return { skus, costs, groups };
}
