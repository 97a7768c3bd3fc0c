/**
 * Which side of a comparison a setting belongs to. Its own module, apart from the runs and the
 * table (compare.ts), because the compare view's address reader needs only this and it is part
 * of every page's first load.
 */

/** Which side a setting applies to. */
export type SideKey = 'a' | 'b';

/**
 * Splits `id=value` settings by side: `a.<id>` goes to side A, `b.<id>` to side B, and a plain
 * `<id>` to both (the same load on both designs). Parameter ids never contain a dot, so the
 * prefix is unambiguous; any other prefix is an error. The same rule serves `--set` and the
 * compare view's address.
 */
export function splitSideSettings(raw: Record<string, string>): {
  a: Record<string, string>;
  b: Record<string, string>;
  errors: string[];
} {
  const out = {
    a: {} as Record<string, string>,
    b: {} as Record<string, string>,
    errors: [] as string[],
  };
  // Plain ids first, so a side's own value wins over the shared one whatever the order.
  const entries = Object.entries(raw);
  for (const [key, value] of entries) {
    if (!key.includes('.')) {
      out.a[key] = value;
      out.b[key] = value;
    } else if (!/^[ab]\./.test(key))
      out.errors.push(
        `"${key}": a setting is <param> (both sides), a.<param> (side A) or b.<param> (side B)`,
      );
  }
  for (const [key, value] of entries) {
    const m = /^([ab])\.(.*)$/.exec(key);
    if (m) out[m[1] as SideKey][m[2] as string] = value;
  }
  return out;
}
