import type { Logger } from '@crowndesk/domain';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  level: LogLevel;
  fields: Record<string, unknown>;
  message: string;
}

/**
 * A real Logger that keeps every entry, so tests can check what was logged and that no PHI ever was.
 * Fields are copied as they arrive: a caller reusing its object cannot change what was recorded.
 */
export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];

  debug(fields: Record<string, unknown>, message: string): void {
    this.record('debug', fields, message);
  }
  info(fields: Record<string, unknown>, message: string): void {
    this.record('info', fields, message);
  }
  warn(fields: Record<string, unknown>, message: string): void {
    this.record('warn', fields, message);
  }
  error(fields: Record<string, unknown>, message: string): void {
    this.record('error', fields, message);
  }

  /** The entries of one level, in order. */
  at(level: LogLevel): LogEntry[] {
    return this.entries.filter((entry) => entry.level === level);
  }

  /** The messages logged (of one level, when given), in order. */
  messages(level?: LogLevel): string[] {
    return this.entries.filter((entry) => !level || entry.level === level).map((entry) => entry.message);
  }

  /** The first entry with this level and message. */
  find(level: LogLevel, message: string): LogEntry | undefined {
    return this.entries.find((entry) => entry.level === level && entry.message === message);
  }

  /** Everything logged, as one string: for "this text never appears in a log" checks. */
  dump(): string {
    return JSON.stringify(this.entries);
  }

  private record(level: LogLevel, fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level, fields: { ...fields }, message });
  }
}
