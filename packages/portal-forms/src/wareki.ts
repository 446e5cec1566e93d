/**
 * `@onshikit/portal-forms/wareki`: 和暦 ↔ 西暦 on its own, without zod or the form schemas.
 * @module
 */
export {
  ERAS,
  eraByKey,
  toWareki,
  fromWareki,
  warekiToCalendarDate,
  formatWareki,
  formatIsoDate,
  parseJapaneseDate,
  compareCalendarDates,
  daysInMonth,
  isRealDate,
  todayInJapan,
} from './japanese-calendar.js';
export type {
  CalendarDate,
  Era,
  EraKey,
  WarekiDate,
  WarekiOptions,
  FormatWarekiOptions,
  ParsedJapaneseDate,
} from './japanese-calendar.js';
export { PortalFormsError } from './errors.js';
export type { Validation, ValidationFailure } from './errors.js';
