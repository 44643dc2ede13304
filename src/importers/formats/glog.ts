/**
 * `glog`: Google's C++ logging (also Kubernetes' klog): `I1017 09:12:33.123456  1234 file.cc:42] msg`.
 * The letter is the level (I, W, E, F); the year is missing, so it comes from the file's
 * "Log file created at: yyyy/mm/dd" header when there is one, else as for syslog (`--year` or the
 * file's date). The header lines themselves are unparsed with their own reason. Times are local to
 * the source's zone (`--tz`).
 */
import type { Level } from '../../model/event';
import { fractionParts, SourceClock } from '../time-text';
import { attrsJsonOf, textFormat } from './text-format';

const GLOG = /^([IWEF])(\d\d)(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))? +(\d+) ([^:\]]+):(\d+)\] ?(.*)$/;
const CREATED = /^Log file created at: (\d{4})\/\d\d\/\d\d/;
const HEADER = /^(Log file created at|Running on machine|Binary|Running duration \(h:mm:ss\)|Log line format): /;
const GLOG_LEVELS: Readonly<Record<string, Level>> = { I: 'info', W: 'warn', E: 'error', F: 'fatal' };

/** The reason recorded for glog's header lines. */
export const GLOG_HEADER_REASON = 'glog file header line (not an event)';

/** glog / klog. */
export const glogFormat = textFormat({
  name: 'glog',
  description: 'glog/klog: "I1017 09:12:33.123456  1234 file.cc:42] message" (year inferred, local time in --tz)',
  mismatchReason: 'not a glog line (expected "Lmmdd hh:mm:ss.uuuuuu thread file:line] message")',
  createReader(options) {
    let clock = new SourceClock(options);
    return (line) => {
      const m = GLOG.exec(line);
      if (m === null) {
        if (!HEADER.test(line)) return null;
        const created = CREATED.exec(line);
        if (created !== null && options.year === null) clock = new SourceClock({ ...options, year: Number(created[1]) });
        return GLOG_HEADER_REASON;
      }
      const { ms, subNs } = fractionParts(m[7] ?? '');
      return {
        tsMs: clock.wallClock(null, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms),
        tsSubNs: subNs,
        endMs: null,
        host: null,
        service: null,
        level: GLOG_LEVELS[m[1]!]!,
        kind: null,
        message: m[11]!,
        attrsJson: attrsJsonOf({ thread: Number(m[8]), file: m[9], line: Number(m[10]) }),
      };
    };
  },
  samples: [
    {
      description: 'klog from the kubelet: error, microseconds, file and line',
      line: 'E0517 15:04:22.619632    1952 kubelet.go:2412] "Error syncing pod" pod="default/api-7f9c" err="ImagePullBackOff"',
      options: { year: 2024 },
      expected: {
        event: { tsMs: Date.UTC(2024, 4, 17, 15, 4, 22, 619), tsSubNs: 632000, level: 'error', message: '"Error syncing pod" pod="default/api-7f9c" err="ImagePullBackOff"', attrs: { thread: 1952, file: 'kubelet.go', line: 2412 } },
      },
    },
    {
      description: 'the header gives the year',
      line: 'Log file created at: 2019/07/18 06:07:40\nRunning on machine: build-3\nI0718 06:07:40.000100 22071 main.cc:17] started',
      options: { year: null, fileModifiedMs: Date.UTC(2024, 0, 1) },
      expected: { event: { tsMs: Date.UTC(2019, 6, 18, 6, 7, 40, 0), tsSubNs: 100000, level: 'info', message: 'started' } },
    },
    {
      description: 'warning, local time in Tokyo',
      line: 'W1017 09:12:33.123456  1234 cache.cc:42] cache miss ratio 0.41',
      options: { year: 2023, timeZone: 'Asia/Tokyo' },
      expected: { event: { tsMs: Date.UTC(2023, 9, 17, 0, 12, 33, 123), tsSubNs: 456000, level: 'warn', message: 'cache miss ratio 0.41' } },
    },
    {
      description: 'a header line',
      line: 'Running on machine: build-3',
      expected: { unparsedReason: GLOG_HEADER_REASON },
    },
    {
      description: 'not a glog line',
      line: 'INFO 2024-01-01 hello',
      expected: { unparsedReason: 'not a glog line (expected "Lmmdd hh:mm:ss.uuuuuu thread file:line] message")' },
    },
  ],
});
