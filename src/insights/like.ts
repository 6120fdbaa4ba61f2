/**
 * Service-account patterns: the admin writes globs (`*` any run, `?` one character); the database
 * matches them with `LOWER(upn) LIKE pattern ESCAPE '\'`, portable to SQLite and PostgreSQL. The
 * pure rules use the same LIKE text through `likeMatches`, so both sides match the same users.
 */
export function globToLike(glob: string): string {
  let out = '';
  for (const ch of glob.toLowerCase()) {
    if (ch === '*') out += '%';
    else if (ch === '?') out += '_';
    else if (ch === '%' || ch === '_' || ch === '\\') out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

const cache = new Map<string, RegExp>();

/** SQL LIKE semantics (with `\` as escape), case-insensitive as the rules lower both sides. */
export function likeMatches(value: string, like: string): boolean {
  let re = cache.get(like);
  if (!re) {
    let source = '';
    for (let i = 0; i < like.length; i++) {
      const ch = like[i]!;
      if (ch === '\\' && i + 1 < like.length) source += escapeRegExp(like[++i]!);
      else if (ch === '%') source += '[\\s\\S]*';
      else if (ch === '_') source += '[\\s\\S]';
      else source += escapeRegExp(ch);
    }
    re = new RegExp(`^${source}$`);
    cache.set(like, re);
  }
  return re.test(value.toLowerCase());
}

function escapeRegExp(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
