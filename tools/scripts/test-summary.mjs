// Sums the vitest JSON reports of every project into one closing line: "Tests: N passed, N failed, N skipped".
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../../tmp/test-results/', import.meta.url);
let passed = 0, failed = 0, skipped = 0, files = 0;
for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const report = JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  files += 1;
}
console.log(`projects reported: ${files}`);
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || files === 0 ? 1 : 0);
