/**
 * Recognizes names from a fixed list in place, without slicing them out of the
 * input: a tag or attribute name that is on the list costs no allocation, and
 * the string returned is always the list's own (interned) one.
 */
export interface NameMatcher {
  /** The listed name that `text.slice(start, end)` spells (ASCII case-insensitively), or null. */
  match(text: string, start: number, end: number): string | null;
}

/**
 * @param names listed names, lower-case
 * @param prefixes listed prefixes, lower-case: a name starting with one is reported as the prefix itself
 */
export function createNameMatcher(names: readonly string[], prefixes: readonly string[] = []): NameMatcher {
  // Candidates by length and lower-cased first character: most buckets hold one name.
  const buckets = new Map<number, string[]>();
  for (const name of names) {
    const key = bucketKey(name.length, name.charCodeAt(0));
    const list = buckets.get(key) ?? [];
    list.push(name);
    buckets.set(key, list);
  }
  const shortestPrefix = prefixes.length === 0 ? Infinity : Math.min(...prefixes.map((prefix) => prefix.length));
  return {
    match(text, start, end) {
      const length = end - start;
      if (length === 0) return null;
      const candidates = buckets.get(bucketKey(length, lowerAscii(text.charCodeAt(start))));
      if (candidates !== undefined) {
        for (let index = 0; index < candidates.length; index++) {
          const name = candidates[index] as string;
          if (spells(text, start, name, length)) return name;
        }
      }
      if (length >= shortestPrefix) {
        for (const prefix of prefixes) if (length >= prefix.length && spells(text, start, prefix, prefix.length)) return prefix;
      }
      return null;
    },
  };
}

function bucketKey(length: number, firstCode: number): number {
  return length * 0x10000 + firstCode;
}

function lowerAscii(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

function spells(text: string, start: number, lowerName: string, length: number): boolean {
  for (let index = 1; index < length; index++) {
    if (lowerAscii(text.charCodeAt(start + index)) !== lowerName.charCodeAt(index)) return false;
  }
  return lowerAscii(text.charCodeAt(start)) === lowerName.charCodeAt(0);
}
