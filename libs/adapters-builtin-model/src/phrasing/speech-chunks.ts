/** Titles whose period does not end a sentence. */
const ABBREVIATION = /\b(?:Dr|Mr|Mrs|Ms|St|Ave|Jr|Sr|No)\.$/;

/**
 * Splits speech into pieces a transport can start speaking at once: sentences, and long sentences at a
 * colon or semicolon. Each piece but the last keeps its trailing space, so the pieces join back exactly.
 */
export function speechChunks(text: string): string[] {
  const chunks: string[] = [];
  let current = '';
  const parts = text.trim().split(/(?<=[.!?:;])\s+/);
  for (const part of parts) {
    current = current.length > 0 ? `${current} ${part}` : part;
    if (!ABBREVIATION.test(current)) {
      chunks.push(current);
      current = '';
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks.map((chunk, index) => (index < chunks.length - 1 ? `${chunk} ` : chunk));
}
