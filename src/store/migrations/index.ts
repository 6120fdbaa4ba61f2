import { InitialSchema1764115200000 } from './1764115200000-initial-schema';

/** In order. A new migration is appended here; an applied one is never edited. */
export const MIGRATIONS = [InitialSchema1764115200000];
