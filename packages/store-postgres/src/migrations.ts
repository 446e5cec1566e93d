/**
 * Versioned schema of the PostgreSQL store, in a schema of the vendor's choice (default
 * `onshikit`). Applied by `migratePostgres` under a transaction-scoped advisory lock, so twenty
 * terminals starting at once apply each migration exactly once. Append new migrations; never
 * edit an applied one. `{s}` stands for the quoted schema name.
 * @module
 */

/** One schema step. */
export interface PostgresMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * Same data as the SQLite store (issue 8 §1; DEVELOPERS.md "health data"): indexed facts, the
 * validated result document, certificate serial and validity; never a PIN, never the
 * individual number, never the certificate itself. `check_id` uses the "C" collation so pages
 * are ordered by code point whatever the database's locale (the port's keyset order).
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'checks and audit trail',
    sql: `
CREATE TABLE {s}.checks (
  check_id        text COLLATE "C" PRIMARY KEY,
  checked_at      timestamptz NOT NULL,
  operator        text NOT NULL,
  terminal_id     text,
  mode            text NOT NULL CHECK (mode IN ('visual', 'pin', 'manual')),
  outcome         text NOT NULL,
  patient_id      text,
  insurer_number  text,
  cert_serial     text,
  cert_not_after  timestamptz,
  result          jsonb,
  saved_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX checks_by_time ON {s}.checks (checked_at DESC, check_id DESC);
CREATE INDEX checks_by_patient ON {s}.checks (patient_id, checked_at DESC, check_id DESC) WHERE patient_id IS NOT NULL;
CREATE INDEX checks_by_insurer ON {s}.checks (insurer_number, checked_at DESC, check_id DESC) WHERE insurer_number IS NOT NULL;

CREATE FUNCTION {s}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'onshikit: %', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END
$$;

-- A saved check is a fact: only the patient link may change afterwards.
CREATE TRIGGER checks_immutable BEFORE UPDATE OF
  check_id, checked_at, operator, terminal_id, mode, outcome, insurer_number, cert_serial, cert_not_after, result, saved_at
ON {s}.checks FOR EACH ROW EXECUTE FUNCTION {s}.refuse_change('a saved check is immutable');

CREATE TABLE {s}.audit (
  seq       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at        timestamptz NOT NULL,
  actor     text NOT NULL,
  action    text NOT NULL,
  check_id  text COLLATE "C",       -- no foreign key: entries outlive purged checks
  mode      text,
  outcome   text NOT NULL,
  detail    jsonb
);
CREATE INDEX audit_by_check ON {s}.audit (check_id, seq) WHERE check_id IS NOT NULL;

-- Append-only, enforced by the database: UPDATE, DELETE and TRUNCATE of the trail are refused.
-- The retention purge deletes checks (the health data) and appends its own 'purge' entry; it
-- never touches this table (the entries hold ids, codes and a certificate serial only). The
-- table owner could still drop the triggers: give the application a role that does not own
-- the schema when the trail must resist a compromised application (see README).
CREATE TRIGGER audit_no_update_delete BEFORE UPDATE OR DELETE ON {s}.audit
  FOR EACH ROW EXECUTE FUNCTION {s}.refuse_change('the audit trail is append-only');
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {s}.audit
  FOR EACH STATEMENT EXECUTE FUNCTION {s}.refuse_change('the audit trail is append-only');
`,
  },
];
