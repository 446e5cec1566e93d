/**
 * Row <-> record mapping shared by the SQLite statements. Absent optional fields are NULL
 * columns and come back absent (never `null`), so a record reads back exactly as saved.
 * @module
 */
import type { AuditEntry, CheckRecord } from '@onshikit/eligibility';

/** A `checks` row. */
export interface CheckRow {
  check_id: string;
  checked_at: string;
  operator: string;
  terminal_id: string | null;
  mode: string;
  outcome: string;
  patient_id: string | null;
  insurer_number: string | null;
  cert_serial: string | null;
  cert_not_after: string | null;
  result_json: string | null;
  saved_at: string;
}

/** An `audit` row. */
export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  check_id: string | null;
  mode: string | null;
  outcome: string;
  detail_json: string | null;
}

/** Named parameters for the insert of a validated record. */
export function checkToRow(record: CheckRecord, savedAt: string): CheckRow {
  return {
    check_id: record.checkId,
    checked_at: record.checkedAt,
    operator: record.operator,
    terminal_id: record.terminalId ?? null,
    mode: record.mode,
    outcome: record.outcome,
    patient_id: record.patientId ?? null,
    insurer_number: record.insurerNumber ?? null,
    cert_serial: record.certificate?.serial ?? null,
    cert_not_after: record.certificate?.notAfter ?? null,
    result_json: record.result === undefined ? null : JSON.stringify(record.result),
    saved_at: savedAt,
  };
}

/** The record a row holds. */
export function checkFromRow(row: CheckRow): CheckRecord {
  const record: Record<string, unknown> = {
    checkId: row.check_id,
    checkedAt: row.checked_at,
    operator: row.operator,
    mode: row.mode,
    outcome: row.outcome,
  };
  if (row.terminal_id !== null) record.terminalId = row.terminal_id;
  if (row.patient_id !== null) record.patientId = row.patient_id;
  if (row.insurer_number !== null) record.insurerNumber = row.insurer_number;
  if (row.cert_serial !== null && row.cert_not_after !== null)
    record.certificate = { serial: row.cert_serial, notAfter: row.cert_not_after };
  if (row.result_json !== null) record.result = JSON.parse(row.result_json) as unknown;
  return record as unknown as CheckRecord;
}

/** The entry an audit row holds. */
export function auditFromRow(row: AuditRow): AuditEntry {
  const entry: Record<string, unknown> = {
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    action: row.action,
    outcome: row.outcome,
  };
  if (row.check_id !== null) entry.checkId = row.check_id;
  if (row.mode !== null) entry.mode = row.mode;
  if (row.detail_json !== null) entry.detail = JSON.parse(row.detail_json) as unknown;
  return entry as unknown as AuditEntry;
}
