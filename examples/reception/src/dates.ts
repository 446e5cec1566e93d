/**
 * Dates as a clinic reads them: 和暦 first with the 西暦 beside it (昭和61年12月3日(1986-12-03)),
 * so staff can compare with a paper 保険証 in either calendar. English shows the 西暦 first.
 */
import { eraByKey, formatWareki, toWareki } from '@onshikit/portal-forms/wareki';
import type { Lang } from './present.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** `1986-12-03` → `昭和61年12月3日(1986-12-03)` / `1986-12-03 (Showa 61)`; anything else unchanged. */
export function formatDate(iso: string, lang: Lang): string {
  const match = ISO_DATE.exec(iso);
  if (!match) return iso;
  const day = iso.slice(0, 10);
  try {
    const wareki = toWareki({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) });
    if (lang === 'ja') return `${formatWareki(wareki)}(${day})`;
    return `${day} (${eraByKey(wareki.era).en} ${wareki.year})`;
  } catch {
    return day; // before 明治 or not a real date: show it as given
  }
}

/** A timestamp in the PC's local time zone (`2026/12/3 17:47`). */
export function formatLocalTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
