import type { Logger } from '@crowndesk/domain';

type Level = 'debug' | 'info' | 'warn' | 'error';

/** A Logger that keeps every entry, so tests can check what was logged (and that no PHI was). */
export class RecordingLogger implements Logger {
  readonly entries: { level: Level; fields: Record<string, unknown>; message: string }[] = [];
  debug(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'debug', fields, message });
  }
  info(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'info', fields, message });
  }
  warn(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'warn', fields, message });
  }
  error(fields: Record<string, unknown>, message: string): void {
    this.entries.push({ level: 'error', fields, message });
  }

  messages(level?: Level): string[] {
    return this.entries.filter((entry) => !level || entry.level === level).map((entry) => entry.message);
  }

  /** Everything logged, as one string: to assert that some text never appears in the logs. */
  dump(): string {
    return JSON.stringify(this.entries);
  }
}
