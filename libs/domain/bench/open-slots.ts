import { z } from 'zod';
import { brightSmileDental, MONDAY_9AM } from '../src/scheduling/bright-smile.fixture';
import { computeOpenSlots, zoneClock } from '../src/scheduling';
import { busySchedule } from './support/busy-schedule';
import { candidateGrid } from './support/candidate-grid';
import { measureInterleaved, type TimedCase } from './support/interleaved-timer';

/**
 * computeOpenSlots over the booking horizon (60 days) of a practice shaped like the demo one, with 0, 500
 * and 3000 busy blocks, as ratios to a plain loop that builds as many slots as the empty schedule yields.
 * `npx nx run domain:bench` (about 10 s) or `npx nx run domain:bench -- --quick`.
 */

const argumentsSchema = z.array(z.enum(['--quick', '--help'], { error: 'options: --quick, --help' }));
const args = argumentsSchema.safeParse(process.argv.slice(2));
if (!args.success || args.data.includes('--help')) {
  console.log('Usage: npx nx run domain:bench [-- --quick]');
  process.exit(args.success ? 0 : 2);
}
const quick = args.data.includes('--quick');

const practice = brightSmileDental();
const examType = practice.appointmentTypes.find((type) => type.code === 'exam');
if (!examType) throw new Error('the fixture practice has no exam type');
const horizonDays = practice.bookingPolicy.maximumDaysAhead;
const notBefore = new Date(MONDAY_9AM.getTime() + practice.bookingPolicy.minimumNoticeMinutes * 60_000);
const to = zoneClock(practice.timeZone).plusDays(notBefore, horizonDays);
const firstDay = zoneClock(practice.timeZone).localDateOf(notBefore);
const search = (busy: ReturnType<typeof busySchedule>) => () =>
  computeOpenSlots({ practice, appointmentType: examType, from: notBefore, to, notBefore, busy }).length;

const busyCounts = [0, 500, 3000];
const schedules = busyCounts.map((count) => busySchedule(practice, firstDay, horizonDays + 1, count));
const slotCounts = schedules.map((busy) => search(busy)());
const candidates = slotCounts[0] ?? 0;
if (candidates === 0) throw new Error('the empty schedule yields no slot: the benchmark would measure nothing');

const BASELINE = 'baseline loop';
const cases: TimedCase[] = [
  { name: BASELINE, run: () => candidateGrid(candidates, notBefore.getTime(), examType.code, examType.durationMinutes).length },
  ...busyCounts.map((count, index) => ({ name: `${count} busy blocks`, run: search(schedules[index] ?? []) })),
];
const { results, checksum } = measureInterleaved(cases, BASELINE, quick ? { rounds: 5, batchMs: 40 } : { rounds: 25, batchMs: 100 });

const rows = results.map((result, index) => [
  result.name,
  index === 0 ? '-' : String(busyCounts[index - 1]),
  String(index === 0 ? candidates : slotCounts[index - 1]),
  result.opsPerSecond.median.toFixed(0),
  `${result.opsPerSecond.p10.toFixed(0)}-${result.opsPerSecond.p90.toFixed(0)}`,
  ((1 / result.opsPerSecond.median) * 1e6).toFixed(0),
  `${result.timeRatio.toFixed(1)}x`,
]);
const header = ['case', 'busy', 'slots', 'ops/s', 'p10-p90 ops/s', 'µs/op', 'time vs baseline'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');

console.log(
  [
    `computeOpenSlots: ${practice.name} (demo-like: 2 providers, 2 operatories, Mon-Fri 08:00-17:00, ${practice.timeZone}),`,
    `"${examType.code}" (${examType.durationMinutes} min), ${horizonDays}-day horizon from ${notBefore.toISOString()}; busy blocks seeded, inside opening hours.`,
    `Baseline, same run: a plain loop building ${candidates} slots (as many as the empty schedule yields) with ISO strings, no checks.`,
    `Rounds interleave the cases; ratios are paired per round, then the median. node ${process.version}, ${quick ? 'quick' : 'full'} run.`,
    '',
    line(header),
    ...rows.map(line),
    '',
    `(checksum ${checksum}: results were used)`,
  ].join('\n'),
);
