/**
 * `timestamp-text`: the fallback for any text whose lines start with a recognisable timestamp (ISO
 * 8601 with or without `T`, a zone or a zone abbreviation; `yyyy/mm/dd hh:mm:ss`; BSD `Mmm dd hh:mm:ss`;
 * Android logcat's `mm-dd hh:mm:ss.mmm`; epoch seconds or milliseconds), optionally in brackets. The rest of the line is the message; a level
 * word among its first words (`ERROR`, `[warn]`, `<Info>`) sets the level. Lines without a timestamp
 * join the event above. It sniffs with a lower weight, so any specific format that fits wins.
 */
import { fractionParts, monthNumber, SourceClock } from '../time-text';
import { ZONE_ABBREVIATION_OFFSETS } from '../time-zones';
import { parseEpochNumber, type ParsedTime } from '../time';
import { attrsJsonOf, levelWordIn, textFormat } from './text-format';

const ABBREVIATIONS = Object.keys(ZONE_ABBREVIATION_OFFSETS).join('|');
const ISO = new RegExp(
  `^\\[?(\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d(?::\\d\\d(?:[.,]\\d{1,9})?)?(?:Z|[+-]\\d\\d(?::?\\d\\d)?| (?:${ABBREVIATIONS})(?= |\\]|$))?)\\]?(?:[ \\t|:-]+|$)`,
);
const SLASHED = /^\[?(\d{4})\/(\d\d)\/(\d\d)[ T-](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?\]?(?:[ \t|:-]+|$)/;
const BSD = /^\[?([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?\]?(?:[ \t|:-]+|$)/;
const MONTH_DAY = /^(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?:[ \t|:-]+|$)/;
const EPOCH = /^\[?(\d{10}(?:\.\d{1,9})?|\d{13}(?:\.\d{1,6})?)\]?(?:[ \t|:-]+|$)/;

/** The fallback format for lines that start with a timestamp. */
export const timestampTextFormat = textFormat({
  name: 'timestamp-text',
  description: 'Fallback: any line that starts with a recognisable timestamp; the rest is the message',
  mismatchReason: 'the line does not start with a recognisable timestamp',
  sniffWeight: 0.6,
  createReader(options) {
    const clock = new SourceClock(options);
    return (line) => {
      let time: ParsedTime | null = null;
      let length = 0;
      let m = ISO.exec(line);
      if (m !== null) {
        time = clock.parseDateTime(m[1]!.replace(',', '.'));
        length = m[0].length;
      } else if ((m = SLASHED.exec(line)) !== null) {
        const { ms, subNs } = fractionParts(m[7] ?? '');
        time = { tsMs: clock.wallClock(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms), tsSubNs: subNs, precision: 's' };
        length = m[0].length;
      } else if ((m = BSD.exec(line)) !== null) {
        const month = monthNumber(m[1]!);
        if (month === 0) return null;
        const { ms, subNs } = fractionParts(m[6] ?? '');
        time = { tsMs: clock.wallClock(null, month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), ms), tsSubNs: subNs, precision: 's' };
        length = m[0].length;
      } else if ((m = MONTH_DAY.exec(line)) !== null) {
        const month = Number(m[1]);
        if (month < 1 || month > 12) return null;
        const { ms, subNs } = fractionParts(m[6] ?? '');
        time = { tsMs: clock.wallClock(null, month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), ms), tsSubNs: subNs, precision: 's' };
        length = m[0].length;
      } else if ((m = EPOCH.exec(line)) !== null) {
        time = parseEpochNumber(Number(m[1]));
        length = m[0].length;
      }
      if (time === null) return null;
      const message = line.slice(length);
      return { tsMs: time.tsMs, tsSubNs: time.tsSubNs, endMs: null, host: null, service: null, level: levelWordIn(message), kind: null, message, attrsJson: attrsJsonOf({}) };
    };
  },
  samples: [
    {
      description: 'ISO time with a zone abbreviation, level word',
      line: '2024-05-02 10:15:30.250 PDT ERROR replica lag 41s on db-2',
      expected: { event: { tsMs: Date.UTC(2024, 4, 2, 17, 15, 30, 250), level: 'error', message: 'ERROR replica lag 41s on db-2', attrs: {} } },
    },
    {
      description: 'bracketed ISO time with an offset, bracketed level',
      line: '[2024-05-02T10:15:30+05:30] [warn] queue depth 1200',
      expected: { event: { tsMs: Date.UTC(2024, 4, 2, 4, 45, 30), level: 'warn', message: '[warn] queue depth 1200' } },
    },
    {
      description: 'naive time in India Standard Time given as --tz',
      line: '2024-05-02 10:15:30 deploy finished',
      options: { timeZone: 'Asia/Kolkata' },
      expected: { event: { tsMs: Date.UTC(2024, 4, 2, 4, 45, 30), level: 'unknown', message: 'deploy finished' } },
    },
    {
      description: 'epoch milliseconds, then a continuation line',
      line: '1714644930250 panic: runtime error\ngoroutine 1 [running]:',
      expected: { event: { tsMs: 1714644930250, level: 'unknown', message: 'panic: runtime error\ngoroutine 1 [running]:' } },
    },
    {
      description: 'dpkg-style slashed date, local time',
      line: '2024/05/02 10:15:30 INFO upgrade nginx 1.24 -> 1.26',
      expected: { event: { tsMs: Date.UTC(2024, 4, 2, 10, 15, 30), level: 'info' } },
    },
    {
      description: 'Android logcat threadtime: month-day without a year',
      line: '03-17 16:13:38.811  1702  2395 D WindowManager: freezing display',
      expected: { event: { tsMs: Date.UTC(2024, 2, 17, 16, 13, 38, 811), message: '1702  2395 D WindowManager: freezing display' } },
    },
    {
      description: 'no timestamp at the start of the file',
      line: 'hello world',
      expected: { unparsedReason: 'the line does not start with a recognisable timestamp' },
    },
  ],
});
