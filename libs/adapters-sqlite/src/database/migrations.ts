/**
 * The schema, as an ordered list of migrations. Each one runs once, in its own transaction, and is recorded in
 * `schema_migrations` with a checksum. Never edit or reorder an entry that has shipped: append a new one.
 *
 * Conventions:
 * - Instants are TEXT in the canonical `YYYY-MM-DDTHH:mm:ss.sssZ` form, enforced by a round-trip CHECK
 *   (`strftime(...) IS value`), so string comparison is chronological and overlap queries can use indexes.
 * - Dates of birth are TEXT `YYYY-MM-DD`, enforced the same way (`date(value) IS value` also rejects 02-30).
 * - Tables are STRICT: a wrong type is an error, not a silent coercion.
 */
export interface Migration {
  /** Strictly increasing, starting at 1, without gaps. */
  version: number;
  name: string;
  sql: string;
}

const canonicalInstant = (column: string) => `CHECK (strftime('%Y-%m-%dT%H:%M:%fZ', ${column}) IS ${column})`;
const calendarDate = (column: string) => `CHECK (date(${column}) IS ${column})`;
const e164 = (column: string) => `CHECK (${column} GLOB '+[1-9]*' AND length(${column}) BETWEEN 8 AND 16)`;

/** The longest an appointment may last. Overlap queries rely on it to bound their index range scans. */
export const MAX_APPOINTMENT_MINUTES = 24 * 60;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create_practices',
    sql: `
      CREATE TABLE practices (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        time_zone   TEXT NOT NULL,
        is_fallback INTEGER NOT NULL DEFAULT 0 CHECK (is_fallback IN (0, 1)),
        -- Everything else about the practice (hours, providers, types, facts, policy), validated on read.
        profile     TEXT NOT NULL CHECK (json_valid(profile)),
        created_at  TEXT NOT NULL ${canonicalInstant('created_at')},
        updated_at  TEXT NOT NULL ${canonicalInstant('updated_at')}
      ) STRICT;

      -- At most one practice answers calls to unknown numbers.
      CREATE UNIQUE INDEX practices_single_fallback ON practices (is_fallback) WHERE is_fallback = 1;

      CREATE TABLE practice_phone_numbers (
        phone_number TEXT PRIMARY KEY ${e164('phone_number')},
        practice_id  TEXT NOT NULL REFERENCES practices (id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX practice_phone_numbers_by_practice ON practice_phone_numbers (practice_id);

      CREATE TABLE practice_voice_agents (
        agent_id    TEXT PRIMARY KEY CHECK (length(agent_id) > 0),
        practice_id TEXT NOT NULL REFERENCES practices (id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX practice_voice_agents_by_practice ON practice_voice_agents (practice_id);
    `,
  },
  {
    version: 2,
    name: 'create_patients_and_appointments',
    sql: `
      CREATE TABLE patients (
        id              TEXT PRIMARY KEY,
        practice_id     TEXT NOT NULL REFERENCES practices (id),
        first_name      TEXT NOT NULL CHECK (length(first_name) > 0),
        last_name       TEXT NOT NULL CHECK (length(last_name) > 0),
        date_of_birth   TEXT NOT NULL ${calendarDate('date_of_birth')},
        phone           TEXT ${e164('phone')},
        -- The key of the registration that created the row: a retried registration returns this row.
        idempotency_key TEXT,
        created_at      TEXT NOT NULL ${canonicalInstant('created_at')},
        UNIQUE (practice_id, idempotency_key)
      ) STRICT;
      CREATE INDEX patients_by_date_of_birth ON patients (practice_id, date_of_birth);

      CREATE TABLE appointments (
        id               TEXT PRIMARY KEY,
        practice_id      TEXT NOT NULL REFERENCES practices (id),
        patient_id       TEXT NOT NULL REFERENCES patients (id),
        type_code        TEXT NOT NULL,
        provider_id      TEXT NOT NULL,
        operatory_id     TEXT NOT NULL,
        start_utc        TEXT NOT NULL ${canonicalInstant('start_utc')},
        end_utc          TEXT NOT NULL ${canonicalInstant('end_utc')},
        status           TEXT NOT NULL CHECK (status IN ('scheduled', 'confirmed', 'cancelled', 'rescheduled')),
        -- The key of the booking that created the row (NULL for rows created by a reschedule).
        idempotency_key  TEXT,
        -- The appointment this one replaced, when it was created by a reschedule.
        rescheduled_from TEXT REFERENCES appointments (id),
        created_at       TEXT NOT NULL ${canonicalInstant('created_at')},
        updated_at       TEXT NOT NULL ${canonicalInstant('updated_at')},
        CHECK (unixepoch(end_utc) - unixepoch(start_utc) BETWEEN 60 AND ${MAX_APPOINTMENT_MINUTES * 60}),
        UNIQUE (practice_id, idempotency_key)
      ) STRICT;

      -- Overlap checks: "does this provider / this operatory have an occupying appointment in [start, end)?"
      -- Partial indexes hold only the rows that occupy time; queries repeat the same WHERE to use them.
      CREATE INDEX appointments_occupying_by_provider
        ON appointments (practice_id, provider_id, start_utc, end_utc)
        WHERE status IN ('scheduled', 'confirmed');
      CREATE INDEX appointments_occupying_by_operatory
        ON appointments (practice_id, operatory_id, start_utc, end_utc)
        WHERE status IN ('scheduled', 'confirmed');
      -- Busy blocks for availability over a window, all providers and operatories.
      CREATE INDEX appointments_occupying_by_start
        ON appointments (practice_id, start_utc, end_utc)
        WHERE status IN ('scheduled', 'confirmed');
      CREATE INDEX appointments_by_patient ON appointments (patient_id, start_utc);
    `,
  },
  {
    version: 3,
    name: 'create_operation_results',
    sql: `
      -- What a reschedule or a cancel returned, by its idempotency key: a retry gets the same answer.
      CREATE TABLE operation_results (
        practice_id     TEXT NOT NULL,
        operation       TEXT NOT NULL CHECK (operation IN ('reschedule', 'cancel')),
        idempotency_key TEXT NOT NULL,
        result          TEXT NOT NULL CHECK (json_valid(result)),
        created_at      TEXT NOT NULL ${canonicalInstant('created_at')},
        PRIMARY KEY (practice_id, operation, idempotency_key)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'create_call_records',
    sql: `
      -- No foreign key to practices: the call log may be used with another practice directory.
      CREATE TABLE call_records (
        call_id         TEXT PRIMARY KEY,
        practice_id     TEXT NOT NULL,
        channel         TEXT NOT NULL,
        caller_number   TEXT,
        started_at      TEXT NOT NULL ${canonicalInstant('started_at')},
        ended_at        TEXT NOT NULL ${canonicalInstant('ended_at')},
        outcome         TEXT NOT NULL,
        summary         TEXT,
        transcript      TEXT NOT NULL CHECK (json_valid(transcript)),
        appointment_ids TEXT NOT NULL CHECK (json_valid(appointment_ids)),
        recorded_at     TEXT NOT NULL ${canonicalInstant('recorded_at')}
      ) STRICT;
      CREATE INDEX call_records_by_practice ON call_records (practice_id, started_at);
    `,
  },
  {
    version: 5,
    name: 'create_seed_runs',
    sql: `
      -- Data seeds that have run (e.g. the demo practice), so none is ever applied twice.
      CREATE TABLE seed_runs (
        name       TEXT PRIMARY KEY,
        applied_at TEXT NOT NULL ${canonicalInstant('applied_at')}
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 6,
    name: 'create_call_events',
    sql: `
      -- The call-event inbox: facts about a call (Retell's call_started / call_ended / call_analyzed, our own
      -- conversation's finish) already merged into call_records. Each happens at most once per call, so a
      -- second delivery with the same key is a replay and changes nothing. Written in the same transaction
      -- as the merged call record.
      CREATE TABLE call_events (
        source      TEXT NOT NULL CHECK (source IN ('retell', 'elevenlabs', 'conversation')),
        call_id     TEXT NOT NULL CHECK (length(call_id) > 0),
        event       TEXT NOT NULL CHECK (length(event) > 0),
        practice_id TEXT NOT NULL,
        received_at TEXT NOT NULL ${canonicalInstant('received_at')},
        PRIMARY KEY (source, call_id, event)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX call_events_by_call ON call_events (call_id);
    `,
  },
  {
    version: 7,
    name: 'create_outbox',
    sql: `
      -- Writes the practice's backend must receive exactly once (call records, bookings, confirmations), written
      -- in the same transaction as the local state they report and delivered by the outbox relay. The topic is
      -- not CHECKed, so a new topic needs no table rebuild: the relay parks a topic it does not know.
      CREATE TABLE outbox_messages (
        id               TEXT PRIMARY KEY,
        practice_id      TEXT NOT NULL CHECK (length(practice_id) > 0),
        topic            TEXT NOT NULL CHECK (length(topic) > 0),
        idempotency_key  TEXT NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 255),
        payload          TEXT NOT NULL CHECK (json_valid(payload)),
        status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'rejected')),
        attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at  TEXT NOT NULL ${canonicalInstant('next_attempt_at')},
        -- The relay that claimed the message, until when: no other relay sends it while the lease is live.
        lease_owner      TEXT,
        lease_expires_at TEXT ${canonicalInstant('lease_expires_at')},
        -- A short failure code (server_error_503, timeout, slot_taken): never PHI.
        last_error       TEXT CHECK (last_error IS NULL OR length(last_error) BETWEEN 1 AND 64),
        created_at       TEXT NOT NULL ${canonicalInstant('created_at')},
        delivered_at     TEXT ${canonicalInstant('delivered_at')},
        rejected_at      TEXT ${canonicalInstant('rejected_at')},
        CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL)),
        CHECK ((status = 'delivered') = (delivered_at IS NOT NULL)),
        CHECK ((status = 'rejected') = (rejected_at IS NOT NULL))
      ) STRICT;
      -- Claiming walks pending messages oldest first; the backlog reads the oldest pending one.
      CREATE INDEX outbox_messages_pending ON outbox_messages (created_at, id) WHERE status = 'pending';
      CREATE INDEX outbox_messages_rejected ON outbox_messages (created_at) WHERE status = 'rejected';

      -- Bookings made on calls, each with the outbox message that carries it to the backend: 'queued' when the
      -- backend could not take it during the call (the message creates it later, under the same key),
      -- 'confirmed' when it did (the message confirms it there).
      CREATE TABLE call_bookings (
        practice_id       TEXT NOT NULL,
        idempotency_key   TEXT NOT NULL,
        kind              TEXT NOT NULL CHECK (kind IN ('queued', 'confirmed')),
        call_id           TEXT NOT NULL,
        patient_id        TEXT NOT NULL,
        type_code         TEXT NOT NULL,
        provider_id       TEXT NOT NULL,
        operatory_id      TEXT NOT NULL,
        start_utc         TEXT NOT NULL ${canonicalInstant('start_utc')},
        end_utc           TEXT NOT NULL ${canonicalInstant('end_utc')},
        -- The backend's appointment id, when it took the booking during the call.
        appointment_id    TEXT,
        outbox_message_id TEXT NOT NULL REFERENCES outbox_messages (id) DEFERRABLE INITIALLY DEFERRED,
        created_at        TEXT NOT NULL ${canonicalInstant('created_at')},
        PRIMARY KEY (practice_id, idempotency_key),
        CHECK ((kind = 'confirmed') = (appointment_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX call_bookings_by_message ON call_bookings (outbox_message_id);
    `,
  },
];
