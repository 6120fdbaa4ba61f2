/**
 * The wall clock, but never the same millisecond twice: a test that does two things in a row and
 * expects them in that order (a waitlist's first come, first served) cannot see them tie, as two
 * quick SQLite round trips can on a fast machine.
 */
export function strictlyLaterClock(): () => Date {
  let last = 0;
  return () => new Date((last = Math.max(Date.now(), last + 1)));
}
