/**
 * The PostgreSQL schema, as an ordered list of migrations. Each runs once, in its own transaction, and is
 * recorded with a checksum in `schema_migrations`. Never edit or reorder an entry that has shipped: append.
 * Instants are timestamptz; payloads jsonb.
 */
export interface PostgresMigration {
  /** Strictly increasing, starting at 1, without gaps. */
  version: number;
  name: string;
  sql: string;
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'create_outbox',
    sql: `
      -- Writes the practice's backend must receive exactly once, written in the same transaction as the local
      -- state they report and delivered by the outbox relays of every gateway machine. The topic is not
      -- CHECKed: a relay parks a topic it does not know.
      CREATE TABLE outbox_messages (
        id               text PRIMARY KEY,
        practice_id      text NOT NULL CHECK (practice_id <> ''),
        topic            text NOT NULL CHECK (topic <> ''),
        idempotency_key  text NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 255),
        payload          jsonb NOT NULL,
        status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'rejected')),
        attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at  timestamptz NOT NULL,
        -- The relay that claimed the message, until when: no other relay sends it while the lease is live.
        lease_owner      text,
        lease_expires_at timestamptz,
        -- A short failure code (server_error_503, timeout, slot_taken): never PHI.
        last_error       text CHECK (last_error IS NULL OR length(last_error) BETWEEN 1 AND 64),
        created_at       timestamptz NOT NULL,
        delivered_at     timestamptz,
        rejected_at      timestamptz,
        CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL)),
        CHECK ((status = 'delivered') = (delivered_at IS NOT NULL)),
        CHECK ((status = 'rejected') = (rejected_at IS NOT NULL))
      );
      -- Claiming walks pending messages oldest first; the backlog reads the oldest pending one.
      CREATE INDEX outbox_messages_pending ON outbox_messages (created_at, id) WHERE status = 'pending';
      CREATE INDEX outbox_messages_rejected ON outbox_messages (created_at) WHERE status = 'rejected';
    `,
  },
  {
    version: 2,
    name: 'create_call_records',
    sql: `
      -- Finished calls, one per call id (first write wins). Holds PHI (number, transcript, summary).
      CREATE TABLE call_records (
        call_id         text PRIMARY KEY CHECK (call_id <> ''),
        practice_id     text NOT NULL,
        channel         text NOT NULL,
        caller_number   text,
        started_at      timestamptz NOT NULL,
        ended_at        timestamptz NOT NULL,
        outcome         text NOT NULL,
        summary         text,
        transcript      jsonb NOT NULL,
        appointment_ids jsonb NOT NULL,
        recorded_at     timestamptz NOT NULL
      );
      CREATE INDEX call_records_by_practice ON call_records (practice_id, started_at);
    `,
  },
  {
    version: 3,
    name: 'create_call_bookings',
    sql: `
      -- Bookings made on calls, each with the outbox message that carries it to the backend: 'queued' when the
      -- backend could not take it during the call (the message creates it later, under the same key),
      -- 'confirmed' when it did (the message confirms it there).
      CREATE TABLE call_bookings (
        practice_id       text NOT NULL,
        idempotency_key   text NOT NULL,
        kind              text NOT NULL CHECK (kind IN ('queued', 'confirmed')),
        call_id           text NOT NULL,
        patient_id        text NOT NULL,
        type_code         text NOT NULL,
        provider_id       text NOT NULL,
        operatory_id      text NOT NULL,
        start_at          timestamptz NOT NULL,
        end_at            timestamptz NOT NULL,
        -- The backend's appointment id, when it took the booking during the call.
        appointment_id    text,
        outbox_message_id text NOT NULL REFERENCES outbox_messages (id) DEFERRABLE INITIALLY DEFERRED,
        created_at        timestamptz NOT NULL,
        PRIMARY KEY (practice_id, idempotency_key),
        CHECK ((kind = 'confirmed') = (appointment_id IS NOT NULL)),
        CHECK (end_at > start_at)
      );
      CREATE INDEX call_bookings_by_message ON call_bookings (outbox_message_id);
    `,
  },
  {
    version: 4,
    name: 'create_call_events',
    sql: `
      -- The call-event inbox: facts about a call (Retell's call_started / call_ended / call_analyzed, ElevenLabs'
      -- post-call record, our own conversation's finish), each merged into call_records in the same transaction
      -- that adds its row here. Each happens at most once per call, so a second delivery of a key is a replay and
      -- changes nothing. From here on call_records holds the merged record, no longer the first one written.
      CREATE TABLE call_events (
        source      text NOT NULL CHECK (source IN ('retell', 'elevenlabs', 'conversation')),
        call_id     text NOT NULL CHECK (call_id <> ''),
        event       text NOT NULL CHECK (event <> ''),
        practice_id text NOT NULL CHECK (practice_id <> ''),
        -- When the event reached us (the sender's word), and when its merge committed (our clock).
        received_at timestamptz NOT NULL,
        accepted_at timestamptz NOT NULL,
        PRIMARY KEY (source, call_id, event)
      );
      CREATE INDEX call_events_by_call ON call_events (call_id, received_at);
    `,
  },
];
