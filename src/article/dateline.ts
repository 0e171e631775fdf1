import type { Dateline } from '../types.js';

/**
 * Rule 7: a paragraph that is wholly a date-time, in one of the forms
 * `DD/MM/YYYY - HH:MM`, `DD/MM/YYYY HH:MM`, `YYYY-MM-DD HH:MM[:SS]`,
 * `YYYY/MM/DD HH:MM` and `YYYY年M月D日 HH:MM`.
 */

const DAY_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: - | )(\d{1,2}):(\d{2})$/;
const YEAR_FIRST_DASH = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const YEAR_FIRST_SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2}) (\d{1,2}):(\d{2})$/;
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日 ?(\d{1,2}):(\d{2})$/;

/** Longer text is never a dateline (and is never matched against the patterns). */
const MAX_LENGTH = 32;

export function readDateline(text: string): Dateline | null {
  if (text.length > MAX_LENGTH) return null;
  let match = DAY_FIRST.exec(text);
  if (match !== null) return dateline(text, match[3], match[2], match[1], match[4], match[5], undefined);
  match = YEAR_FIRST_DASH.exec(text);
  if (match !== null) return dateline(text, match[1], match[2], match[3], match[4], match[5], match[6]);
  match = YEAR_FIRST_SLASH.exec(text) ?? CHINESE.exec(text);
  if (match !== null) return dateline(text, match[1], match[2], match[3], match[4], match[5], undefined);
  return null;
}

function dateline(
  text: string,
  year?: string,
  month?: string,
  day?: string,
  hour?: string,
  minute?: string,
  second?: string,
): Dateline {
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = second === undefined ? 0 : Number(second);
  const valid =
    mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h <= 23 && mi <= 59 && s <= 59;
  if (!valid) return { text, iso: null };
  const iso = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}`;
  return { text, iso: second === undefined ? iso : `${iso}:${pad(s, 2)}` };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
