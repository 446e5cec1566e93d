/**
 * Row <-> record mapping for the PostgreSQL store. `timestamptz` columns come back as `Date`
 * and are turned into the port's ISO strings; `bigint` seq comes back as a string.
 * @module
 */
import type { AuditEntry, AuditEntryInput, CheckRecord } from '@onshikit/eligibility';

/** A `checks` row as node-postgres returns it. */
export interface CheckRow {
  check_id: string;
  checked_at: Date;
  operator: string;
  terminal_id: string | null;
  mode: string;
  outcome: string;
  patient_id: string | null;
  insurer_number: string | null;
  cert_serial: string | null;
  cert_not_after: Date | null;
  result: unknown;
}

/** An `audit` row as node-postgres returns it. */
export interface AuditRow {
  seq: string;
  at: Date;
  actor: string;
  action: string;
  check_id: string | null;
  mode: string | null;
  outcome: string;
  detail: Record<string, string | number | boolean> | null;
}

/** The column list of inserts, in {@link checkParams} order. */
export const CHECK_COLUMNS =
  'check_id, checked_at, operator, terminal_id, mode, outcome, patient_id, insurer_number, cert_serial, cert_not_after, result';

/** Positional parameters of a validated record (`$1`..`$11`). */
export function checkParams(record: CheckRecord): unknown[] {
  return [
    record.checkId,
    record.checkedAt,
    record.operator,
    record.terminalId ?? null,
    record.mode,
    record.outcome,
    record.patientId ?? null,
    record.insurerNumber ?? null,
    record.certificate?.serial ?? null,
    record.certificate?.notAfter ?? null,
    record.result === undefined ? null : JSON.stringify(record.result),
  ];
}

/** Positional parameters of an audit entry (`at, actor, action, check_id, mode, outcome, detail`). */
export function auditParams(entry: AuditEntryInput): unknown[] {
  return [
    entry.at,
    entry.actor,
    entry.action,
    entry.checkId ?? null,
    entry.mode ?? null,
    entry.outcome,
    entry.detail === undefined ? null : JSON.stringify(entry.detail),
  ];
}

/** The record a row holds. */
export function checkFromRow(row: CheckRow): CheckRecord {
  const record: Record<string, unknown> = {
    checkId: row.check_id,
    checkedAt: row.checked_at.toISOString(),
    operator: row.operator,
    mode: row.mode,
    outcome: row.outcome,
  };
  if (row.terminal_id !== null) record.terminalId = row.terminal_id;
  if (row.patient_id !== null) record.patientId = row.patient_id;
  if (row.insurer_number !== null) record.insurerNumber = row.insurer_number;
  if (row.cert_serial !== null && row.cert_not_after !== null)
    record.certificate = { serial: row.cert_serial, notAfter: row.cert_not_after.toISOString() };
  if (row.result !== null && row.result !== undefined) record.result = row.result;
  return record as unknown as CheckRecord;
}

/** The entry an audit row holds. */
export function auditFromRow(row: AuditRow): AuditEntry {
  const entry: Record<string, unknown> = {
    seq: Number(row.seq),
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    outcome: row.outcome,
  };
  if (row.check_id !== null) entry.checkId = row.check_id;
  if (row.mode !== null) entry.mode = row.mode;
  if (row.detail !== null) entry.detail = row.detail;
  return entry as unknown as AuditEntry;
}
