/**
 * Versioned schema of the SQLite store. Each migration runs once, inside the same
 * `BEGIN IMMEDIATE` transaction as the bump of `schema_migrations`, so several processes
 * opening one file at once apply it exactly once (the write lock serialises them).
 * Append new migrations; never edit an applied one.
 * @module
 */

/** One schema step. */
export interface SqliteMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * What is kept (issue 8 §1; DEVELOPERS.md "health data"): the check's indexed facts, the
 * validated result document, the certificate serial and validity. Never a PIN, never the
 * individual number, never the certificate itself.
 */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'checks and audit trail',
    sql: `
CREATE TABLE checks (
  check_id        TEXT PRIMARY KEY,
  checked_at      TEXT NOT NULL,           -- ISO 8601 UTC with ms: sorts as text
  operator        TEXT NOT NULL,
  terminal_id     TEXT,
  mode            TEXT NOT NULL CHECK (mode IN ('visual', 'pin', 'manual')),
  outcome         TEXT NOT NULL,
  patient_id      TEXT,
  insurer_number  TEXT,
  cert_serial     TEXT,
  cert_not_after  TEXT,
  result_json     TEXT,                    -- the validated EligibilityResult
  saved_at        TEXT NOT NULL
) STRICT;
CREATE INDEX checks_by_time ON checks (checked_at DESC, check_id DESC);
CREATE INDEX checks_by_patient ON checks (patient_id, checked_at DESC, check_id DESC) WHERE patient_id IS NOT NULL;
CREATE INDEX checks_by_insurer ON checks (insurer_number, checked_at DESC, check_id DESC) WHERE insurer_number IS NOT NULL;

-- A saved check is a fact: only the patient link may change afterwards.
CREATE TRIGGER checks_immutable BEFORE UPDATE OF
  check_id, checked_at, operator, terminal_id, mode, outcome, insurer_number, cert_serial, cert_not_after, result_json, saved_at
ON checks BEGIN SELECT RAISE(ABORT, 'onshikit: a saved check is immutable'); END;

CREATE TABLE audit (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: a seq is never reused
  at           TEXT NOT NULL,
  actor        TEXT NOT NULL,
  action       TEXT NOT NULL,
  check_id     TEXT,                               -- no foreign key: entries outlive purged checks
  mode         TEXT,
  outcome      TEXT NOT NULL,
  detail_json  TEXT
) STRICT;
CREATE INDEX audit_by_check ON audit (check_id, seq) WHERE check_id IS NOT NULL;

-- Append-only, enforced by the database and not only by the API: every UPDATE and DELETE on
-- the trail is refused. The retention purge deletes checks (the health data) and appends its
-- own 'purge' entry; it never touches this table. The entries that remain hold ids, codes and
-- a certificate serial, no eligibility data, so keeping them is what an audit trail is for.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'onshikit: the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'onshikit: the audit trail is append-only'); END;
`,
  },
  {
    version: 2,
    name: 'REPLACE cannot rewrite the audit trail or a saved check',
    // SQLite's REPLACE conflict resolution (INSERT OR REPLACE, REPLACE INTO) deletes the row in
    // the way without firing DELETE triggers unless a connection sets recursive_triggers, which a
    // raw connection need not do. BEFORE INSERT triggers fire whatever the conflict clause, so an
    // insert that names an existing key is refused before the conflict is resolved. The store
    // itself looks the check up inside its write transaction and never inserts an existing id.
    sql: `
CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
  WHEN NEW.seq IS NOT NULL AND EXISTS (SELECT 1 FROM audit WHERE seq = NEW.seq)
  BEGIN SELECT RAISE(ABORT, 'onshikit: the audit trail is append-only'); END;
CREATE TRIGGER checks_no_replace BEFORE INSERT ON checks
  WHEN EXISTS (SELECT 1 FROM checks WHERE check_id = NEW.check_id)
  BEGIN SELECT RAISE(ABORT, 'onshikit: a saved check is immutable'); END;
`,
  },
];
