/**
 * Boot keyboard input report (HID 1.11 Appendix B.1): byte 0 modifiers, byte 1 reserved,
 * bytes 2-7 the usage ids of up to six keys held down, in no particular order. A key press is
 * a usage that appears in a report and was absent from the previous one.
 * @module
 */

import { KeyboardUsage } from './usage-table.js';

/** Bytes of a boot keyboard input report without a report id. */
export const BOOT_REPORT_LENGTH = 8;

/**
 * Turns successive input reports into key-down events. Holds only the usages currently down
 * (never digits typed) and zeroes that state on {@link BootReportDecoder.reset}.
 */
export class BootReportDecoder {
  readonly #down = new Uint8Array(6);
  readonly #reportId: number | undefined;

  /**
   * @param reportId set when the device numbers its reports: hidraw then delivers the report
   *   id as byte 0, which is skipped (reports with another id are ignored).
   */
  constructor(reportId?: number) {
    this.#reportId = reportId;
  }

  /**
   * Usages newly pressed in `report`, in report order. A report with ErrorRollOver in the key
   * slots (too many keys down) changes nothing; a short or foreign report yields nothing.
   */
  keyDowns(report: Uint8Array): number[] {
    let start = 0;
    if (this.#reportId !== undefined) {
      if (report[0] !== this.#reportId) return [];
      start = 1;
    }
    if (report.length < start + 3) return [];
    const end = Math.min(report.length, start + BOOT_REPORT_LENGTH);
    const slots: number[] = [];
    for (let i = start + 2; i < end; i++) {
      const usage = report[i] ?? 0;
      if (usage === KeyboardUsage.ErrorRollOver) return [];
      if (usage !== 0) slots.push(usage);
    }
    const pressed: number[] = [];
    for (const usage of slots) {
      if (!this.#down.includes(usage)) pressed.push(usage);
    }
    this.#down.fill(0);
    slots.slice(0, 6).forEach((usage, i) => {
      this.#down[i] = usage;
    });
    slots.fill(0);
    return pressed;
  }

  /** Forgets which keys are down. */
  reset(): void {
    this.#down.fill(0);
  }
}
