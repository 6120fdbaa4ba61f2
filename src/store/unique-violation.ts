/** A write refused by a unique index: SQLite says UNIQUE constraint failed; PostgreSQL uses SQLSTATE 23505. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown }; message?: unknown };
  return (
    e?.code === '23505' ||
    e?.driverError?.code === '23505' ||
    (typeof e?.message === 'string' && e.message.includes('UNIQUE constraint failed'))
  );
}
