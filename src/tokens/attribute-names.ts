/**
 * Recognizes wanted attribute names in place, without slicing them out of the
 * input: attributes nobody reads cost no allocation.
 */
export interface AttributeNames {
  /** The wanted name that `text.slice(start, end)` spells (ASCII case-insensitively), or null. */
  match(text: string, start: number, end: number): string | null;
}

/**
 * @param names wanted names, lower-case
 * @param prefixes wanted prefixes, lower-case: a name starting with one is reported as the prefix itself
 */
export function createAttributeNames(names: readonly string[], prefixes: readonly string[]): AttributeNames {
  const byLength = new Map<number, string[]>();
  for (const name of names) {
    const list = byLength.get(name.length) ?? [];
    list.push(name);
    byLength.set(name.length, list);
  }
  const shortestPrefix = Math.min(...prefixes.map((prefix) => prefix.length));
  return {
    match(text, start, end) {
      const candidates = byLength.get(end - start);
      if (candidates !== undefined) {
        for (const name of candidates) if (spells(text, start, name, name.length)) return name;
      }
      if (end - start >= shortestPrefix) {
        for (const prefix of prefixes) if (end - start >= prefix.length && spells(text, start, prefix, prefix.length)) return prefix;
      }
      return null;
    },
  };
}

function spells(text: string, start: number, lowerName: string, length: number): boolean {
  for (let index = 0; index < length; index++) {
    let code = text.charCodeAt(start + index);
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    if (code !== lowerName.charCodeAt(index)) return false;
  }
  return true;
}
