/**
 * `csv`: comma-separated values with a header line, such as Timesketch's import CSV
 * (message, datetime, timestamp_desc, …) or any export whose time column has a common name (datetime,
 * timestamp, time, date, @timestamp, …) or is split into Date and Time (or Month, Date and Time)
 * columns. Fields are read with csv-parse, so quoted commas, doubled quotes and quoted newlines work;
 * a record whose quoted field spans lines is one event covering all of them. Every column not mapped
 * to a column of the event is an attr. The header line is unparsed with its own reason.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { JOINS_NEXT, type LineFormatDefinition, type FormatSample, type LineParser, type ParserOptions } from '../format';
import { normaliseLevel } from '../levels';
import { fractionParts, monthNumber, SourceClock } from '../time-text';
import { parseTimeString } from '../time';
import { attrsJsonOf } from './text-format';

/** The reason recorded for the header line. */
export const CSV_HEADER_REASON = 'CSV header (column names)';

const TIME_COLUMNS = ['datetime', 'timestamp', '@timestamp', 'time', 'date', 'ts', 'eventtime', 'created_at', 'time_generated'];
const MESSAGE_COLUMNS = ['message', 'msg', 'content', 'text', 'log', 'body', 'description'];
const LEVEL_COLUMNS = ['level', 'severity', 'loglevel', 'levelname', 'priority'];
const HOST_COLUMNS = ['host', 'hostname', 'node', 'computer_name', 'computer'];
const SERVICE_COLUMNS = ['service', 'component', 'source', 'app', 'application', 'pod', 'logger'];
const KIND_COLUMNS = ['timestamp_desc', 'eventid', 'event_type', 'kind', 'type'];
const SNIFF_OPTIONS: ParserOptions = { timeZone: 'UTC', year: 2000, fileModifiedMs: null };

interface Columns {
  names: string[];
  time: number;
  /** Split date and time columns (and a month column for year-less syslog-style splits). */
  date: number;
  clock: number;
  month: number;
  day: number;
  message: number;
  level: number;
  host: number;
  service: number;
  kind: number;
}

function findColumn(lowerNames: readonly string[], candidates: readonly string[]): number {
  for (const candidate of candidates) {
    const index = lowerNames.indexOf(candidate);
    if (index !== -1) return index;
  }
  return -1;
}

function columnsOf(names: string[]): Columns | string {
  const lower = names.map((name) => name.trim().toLowerCase());
  const date = lower.indexOf('date');
  const clock = lower.indexOf('time');
  const isSplit = date !== -1 && clock !== -1;
  const time = isSplit ? -1 : findColumn(lower, TIME_COLUMNS);
  if (time === -1 && !isSplit) return `no time column in the CSV header (looked for ${TIME_COLUMNS.join(', ')}, or Date and Time)`;
  return {
    names,
    time,
    date: isSplit ? date : -1,
    clock: isSplit ? clock : -1,
    month: isSplit ? lower.indexOf('month') : -1,
    day: isSplit ? lower.indexOf('day') : -1,
    message: findColumn(lower, MESSAGE_COLUMNS),
    level: findColumn(lower, LEVEL_COLUMNS),
    host: findColumn(lower, HOST_COLUMNS),
    service: findColumn(lower, SERVICE_COLUMNS),
    kind: findColumn(lower, KIND_COLUMNS),
  };
}

const HMS = /^(\d\d):?(\d\d):?(\d\d)(?:[.,](\d{1,9}))?$/;
const CTIME = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) +(\d{1,2}) (\d\d):(\d\d):(\d\d) (\d{4})$/;

/**
 * A time split over columns: Date (yyyy-mm-dd, yy/mm/dd, yymmdd, mm-dd, or a month name with a Day
 * column) or Month + Date, plus Time (hh:mm:ss[.frac] or hhmmss). Years left out are inferred.
 */
function splitTime(clock: SourceClock, date: string, time: string, monthName: string | null, dayText: string | null): { tsMs: number; tsSubNs: number } | null {
  const hms = HMS.exec(time);
  if (hms === null) return null;
  const { ms, subNs } = fractionParts(hms[4] ?? '');
  const at = (year: number | null, month: number, day: number): { tsMs: number; tsSubNs: number } | null =>
    month < 1 || month > 12 || day < 1 || day > 31 ? null : { tsMs: clock.wallClock(year, month, day, Number(hms[1]), Number(hms[2]), Number(hms[3]), ms), tsSubNs: subNs };
  if (monthName !== null) return /^\d{1,2}$/.test(date) ? at(null, monthNumber(monthName), Number(date)) : null;
  if (dayText !== null && monthNumber(date) > 0 && /^\d{1,2}$/.test(dayText.trim())) return at(null, monthNumber(date), Number(dayText));
  let m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date);
  if (m !== null) return at(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d\d)\/(\d\d)\/(\d\d)$/.exec(date) ?? /^(\d\d)(\d\d)(\d\d)$/.exec(date);
  if (m !== null) return at(2000 + Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d\d)-(\d\d)$/.exec(date);
  if (m !== null) return at(null, Number(m[1]), Number(m[2]));
  return null;
}

function hasOddQuotes(text: string): boolean {
  let count = 0;
  for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', at + 1)) count++;
  return count % 2 === 1;
}

function createCsvParser(options: ParserOptions): LineParser {
  const clock = new SourceClock(options);
  let columns: Columns | string | null = null;
  let pending = '';
  const timeOf = (fields: readonly string[], c: Columns): { tsMs: number; tsSubNs: number } | null => {
    if (c.time !== -1) {
      const value = (fields[c.time] ?? '').trim();
      if (/^\d+(\.\d+)?$/.test(value)) return parseTimeString(value);
      const ctime = CTIME.exec(value);
      if (ctime !== null) {
        return { tsMs: clock.wallClock(Number(ctime[6]), monthNumber(ctime[1]!), Number(ctime[2]), Number(ctime[3]), Number(ctime[4]), Number(ctime[5]), 0), tsSubNs: 0 };
      }
      return clock.parseDateTime(value.replace(/^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d),/, '$1T$2.'));
    }
    return splitTime(clock, (fields[c.date] ?? '').trim(), (fields[c.clock] ?? '').trim(), c.month === -1 ? null : (fields[c.month] ?? ''), c.day === -1 ? null : (fields[c.day] ?? ''));
  };
  return (line) => {
    const text = pending.length > 0 ? `${pending}\n${line}` : line;
    if (hasOddQuotes(text)) {
      pending = text;
      return JOINS_NEXT;
    }
    pending = '';
    let fields: string[];
    try {
      fields = (parseCsv(text, { relax_column_count: true, relax_quotes: true }) as string[][])[0] ?? [];
    } catch (err) {
      return `invalid CSV: ${(err as Error).message}`;
    }
    if (columns === null) {
      columns = columnsOf(fields);
      return CSV_HEADER_REASON;
    }
    if (typeof columns === 'string') return columns;
    const c = columns;
    const time = timeOf(fields, c);
    if (time === null) return `the time column has "${fields[c.time !== -1 ? c.time : c.date] ?? ''}", which is not a recognisable time`;
    const attrs: Record<string, unknown> = {};
    const used = new Set([c.time, c.date, c.clock, c.month, c.day, c.message, c.level, c.host, c.service, c.kind]);
    fields.forEach((value, index) => {
      if (!used.has(index)) attrs[c.names[index] ?? `column${index + 1}`] = value;
    });
    const field = (index: number): string | null => (index === -1 || fields[index] === undefined || fields[index] === '' ? null : fields[index]!);
    return {
      tsMs: time.tsMs,
      tsSubNs: time.tsSubNs,
      endMs: null,
      host: field(c.host),
      service: field(c.service),
      level: c.level === -1 ? 'unknown' : normaliseLevel(fields[c.level]),
      kind: field(c.kind),
      message: field(c.message) ?? text,
      attrsJson: attrsJsonOf(attrs),
    };
  };
}

const samples: readonly FormatSample[] = [
  {
    description: 'Timesketch import CSV: datetime wins over the µs timestamp, timestamp_desc is the kind, quoted comma',
    line: 'message,timestamp,datetime,timestamp_desc,extra_field_1\n"Login from 10.0.0.9, user root",1331698658276340,2012-03-14T04:17:38+00:00,Time Logged,foo',
    expected: {
      event: { tsMs: Date.UTC(2012, 2, 14, 4, 17, 38), kind: 'Time Logged', message: 'Login from 10.0.0.9, user root', attrs: { timestamp: '1331698658276340', extra_field_1: 'foo' } },
    },
  },
  {
    description: 'a quoted newline: one event covering both lines; level, host and service columns',
    line: 'Time,Level,Host,Component,Message\n2024-05-02 10:15:30.5,ERROR,web-3,checkout,"payment failed:\ncard declined"',
    expected: { event: { tsMs: Date.UTC(2024, 4, 2, 10, 15, 30, 500), level: 'error', host: 'web-3', service: 'checkout', message: 'payment failed:\ncard declined', attrs: {} } },
  },
  {
    description: 'loghub structured CSV: Date and Time columns with a comma fraction',
    line: 'LineId,Date,Time,Level,Process,Component,Content\n1,2015-10-18,"18:01:47,978",INFO,main,org.apache.hadoop.mapreduce.v2.app.MRAppMaster,Created MRAppMaster',
    expected: { event: { tsMs: Date.UTC(2015, 9, 18, 18, 1, 47, 978), level: 'info', service: 'org.apache.hadoop.mapreduce.v2.app.MRAppMaster', message: 'Created MRAppMaster', attrs: { LineId: '1', Process: 'main' } } },
  },
  {
    description: 'a row whose time is not a time',
    line: 'datetime,message\nyesterday,deploy started',
    expected: { unparsedReason: 'the time column has "yesterday", which is not a recognisable time' },
  },
  {
    description: 'the header line',
    line: 'message,timestamp,datetime,timestamp_desc',
    expected: { unparsedReason: CSV_HEADER_REASON },
  },
];

/** CSV with a header line. */
export const csvFormat: LineFormatDefinition = {
  name: 'csv',
  description: 'CSV with a header: Timesketch (message, datetime, timestamp_desc) or any CSV with a time column',
  createParser: (options = SNIFF_OPTIONS) => createCsvParser(options),
  sniff(sampleLines) {
    if (sampleLines.length < 2 || !sampleLines[0]!.includes(',')) return 0;
    const header = sampleLines[0]!;
    if (hasOddQuotes(header) || typeof columnsOf(header.split(',').map((name) => name.replace(/^"|"$/g, ''))) === 'string') return 0;
    const parse = createCsvParser(SNIFF_OPTIONS);
    if (parse(header) !== CSV_HEADER_REASON) return 0;
    let readable = 0;
    const rows = sampleLines.slice(1, 51);
    for (const line of rows) {
      const result = parse(line);
      if (typeof result === 'object' || result === JOINS_NEXT) readable++;
    }
    return readable / rows.length;
  },
  samples,
};
