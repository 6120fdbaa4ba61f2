import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc counts CPU time in hundredths of a second. */
const CLOCK_TICKS = 100;

/**
 * CPU time (user and system) in ms of the process or thread whose /proc stat file this is: a
 * process's own file counts all its threads. Null where there is no such file (not Linux).
 */
export function procCpuMs(statFile: string): number | null {
  try {
    const stat = readFileSync(statFile, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** Bytes this process has had written to storage so far (Linux's /proc/self/io), or null where there is no such file. */
export function writtenBytes(): number | null {
  try {
    const bytes = /^write_bytes: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))?.[1];
    return bytes === undefined ? null : Number(bytes);
  } catch {
    return null;
  }
}
