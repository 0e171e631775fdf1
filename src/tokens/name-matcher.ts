/**
 * Recognizes names from a fixed list in place, without slicing them out of the
 * input: a tag or attribute name that is on the list costs no allocation, and
 * the name returned is always the list's own (interned) string.
 *
 * The candidates are found through a table on char codes (length and the
 * lower-cased first character), then compared character by character.
 */
export interface NameMatcher {
  /** The index in the list of the name that `text.slice(start, end)` spells (ASCII case-insensitively), or -1. */
  find(text: string, start: number, end: number): number;
  /** The listed name that `text.slice(start, end)` spells (ASCII case-insensitively), or null. */
  match(text: string, start: number, end: number): string | null;
}

/** Longest name the table holds; a longer name is never listed (only a prefix can match it). */
const MAX_LENGTH = 31;
const ASCII = 128;
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
const CASE_BIT = 0x20;

/**
 * @param names listed names, lower-case ASCII (a name at index 0 that is empty is never found)
 * @param prefixes listed prefixes, lower-case: a name starting with one is reported as the prefix itself
 */
export function createNameMatcher(names: readonly string[], prefixes: readonly string[] = []): NameMatcher {
  const listed = [...names, ...prefixes];
  // Candidates of each (length, first character) slot, as a range of `order`.
  const slotOf = (length: number, first: number) => length * ASCII + first;
  const first = new Int32Array((MAX_LENGTH + 1) * ASCII);
  const last = new Int32Array((MAX_LENGTH + 1) * ASCII);
  const order: number[] = [];
  const bySlot = new Map<number, number[]>();
  names.forEach((name, index) => {
    if (name === '') return;
    if (name.length > MAX_LENGTH || name !== name.toLowerCase() || !/^[\x20-\x7e]+$/.test(name)) {
      throw new Error(`cannot list the name ${JSON.stringify(name)}`);
    }
    const slot = slotOf(name.length, name.charCodeAt(0));
    bySlot.set(slot, [...(bySlot.get(slot) ?? []), index]);
  });
  for (const [slot, indexes] of bySlot) {
    first[slot] = order.length;
    order.push(...indexes);
    last[slot] = order.length;
  }
  const shortestPrefix = prefixes.length === 0 ? Infinity : Math.min(...prefixes.map((prefix) => prefix.length));

  function find(text: string, start: number, end: number): number {
    const length = end - start;
    if (length <= MAX_LENGTH && length > 0) {
      const code = lowerAscii(text.charCodeAt(start));
      if (code < ASCII) {
        const slot = slotOf(length, code);
        for (let candidate = first[slot] as number; candidate < (last[slot] as number); candidate++) {
          const index = order[candidate] as number;
          if (spells(text, start, names[index] as string, length)) return index;
        }
      }
    }
    if (length >= shortestPrefix) {
      for (let index = 0; index < prefixes.length; index++) {
        const prefix = prefixes[index] as string;
        if (length >= prefix.length && spells(text, start, prefix, prefix.length)) return names.length + index;
      }
    }
    return -1;
  }

  return {
    find,
    match(text, start, end) {
      const index = find(text, start, end);
      return index === -1 ? null : (listed[index] as string);
    },
  };
}

function lowerAscii(code: number): number {
  return code >= UPPER_A && code <= UPPER_Z ? code | CASE_BIT : code;
}

/** Whether the `length` characters at `start` spell `lowerName` (its first character already matched by slot). */
function spells(text: string, start: number, lowerName: string, length: number): boolean {
  for (let index = length - 1; index >= 0; index--) {
    if (lowerAscii(text.charCodeAt(start + index)) !== lowerName.charCodeAt(index)) return false;
  }
  return true;
}
