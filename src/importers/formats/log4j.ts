/**
 * `log4j`: Java application logs written with a log4j/logback pattern: a timestamp, a level word and
 * the rest, in the shapes Hadoop, ZooKeeper, Spark, Kafka, HDFS and Spring Boot write. The thread
 * (`[main]`) and logger (`org.apache.x.Y:` or Kafka's trailing `(kafka.server.X)`) are read out; the
 * logger is the service. Stack traces and other lines without a timestamp join the event above.
 * Times are local wall-clock times placed with the source's zone (`--tz`).
 */
import { normaliseLevel } from '../levels';
import { SourceClock } from '../time-text';
import { attrsJsonOf, textFormat } from './text-format';

const LEVELS = 'TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|FATAL|SEVERE|CRITICAL';
const LOG4J = new RegExp(
  '^(?:(\\S+\\.log\\S*) )?\\[?(?:(\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d:\\d\\d(?:[.,]\\d{1,9})?)|(\\d\\d)/(\\d\\d)/(\\d\\d) (\\d\\d):(\\d\\d):(\\d\\d)|(\\d\\d)(\\d\\d)(\\d\\d) (\\d\\d)(\\d\\d)(\\d\\d))\\]?(?: (\\d+))?' +
    `(?: -)? +(${LEVELS}) +(?:- )?(.*)$`,
);
const THREAD = /^\[([^\]]*)\]\s*(?:- )?/;
const LOGGER = /^([A-Za-z_][\w.$-]*)\s*: /;
const TRAILING_LOGGER = / \(([a-z][\w.$]*\.[A-Za-z][\w$]*)\)$/;

/** log4j-style Java application logs. */
export const log4jFormat = textFormat({
  name: 'log4j',
  description: 'log4j/logback pattern logs (Hadoop, ZooKeeper, Spark, Kafka, HDFS, Spring): "2015-10-18 18:01:47,978 INFO [main] a.b.C: message"',
  mismatchReason: 'not a log4j-style line (expected a timestamp, a level word such as INFO, then the message)',
  createReader(options) {
    const clock = new SourceClock(options);
    return (line) => {
      const m = LOG4J.exec(line);
      if (m === null) return null;
      let tsMs: number;
      let tsSubNs = 0;
      const attrs: Record<string, unknown> = m[1] === undefined ? {} : { file: m[1] };
      if (m[2] !== undefined) {
        const time = clock.parseDateTime(m[2]);
        if (time === null) return null;
        tsMs = time.tsMs;
        tsSubNs = time.tsSubNs;
      } else if (m[3] !== undefined) {
        tsMs = clock.wallClock(2000 + Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7]), Number(m[8]), 0);
      } else {
        tsMs = clock.wallClock(2000 + Number(m[9]), Number(m[10]), Number(m[11]), Number(m[12]), Number(m[13]), Number(m[14]), 0);
      }
      if (m[15] !== undefined) attrs.pid = Number(m[15]);
      let rest = m[17]!;
      const thread = THREAD.exec(rest);
      if (thread !== null) {
        attrs.thread = thread[1]!.trim();
        rest = rest.slice(thread[0].length);
      }
      let service: string | null = null;
      const logger = LOGGER.exec(rest);
      if (logger !== null) {
        service = logger[1]!;
        rest = rest.slice(logger[0].length);
      } else {
        const trailing = TRAILING_LOGGER.exec(rest);
        if (trailing !== null) {
          service = trailing[1]!;
          rest = rest.slice(0, trailing.index);
        }
      }
      return { tsMs, tsSubNs, endMs: null, host: null, service, level: normaliseLevel(m[16]!), kind: null, message: rest, attrsJson: attrsJsonOf(attrs) };
    };
  },
  samples: [
    {
      description: 'Hadoop MapReduce: comma milliseconds, thread, logger',
      line: '2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster for application appattempt_1',
      expected: {
        event: { tsMs: Date.UTC(2015, 9, 18, 18, 1, 47, 978), level: 'info', service: 'org.apache.hadoop.mapreduce.v2.app.MRAppMaster', message: 'Created MRAppMaster for application appattempt_1', attrs: { thread: 'main' } },
      },
    },
    {
      description: 'ZooKeeper: " - LEVEL  [thread:Class@line] - message", local time in Berlin',
      line: '2015-07-29 19:04:29,071 - WARN  [SendWorker:188978561024:QuorumCnxManager$SendWorker@688] - Send worker leaving thread',
      options: { timeZone: 'Europe/Berlin' },
      expected: { event: { tsMs: Date.UTC(2015, 6, 29, 17, 4, 29, 71), level: 'warn', message: 'Send worker leaving thread', attrs: { thread: 'SendWorker:188978561024:QuorumCnxManager$SendWorker@688' } } },
    },
    {
      description: 'Spark: yy/MM/dd date, short logger',
      line: '17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers for [TERM, HUP, INT]',
      expected: { event: { tsMs: Date.UTC(2017, 5, 9, 20, 10, 40), service: 'executor.CoarseGrainedExecutorBackend', message: 'Registered signal handlers for [TERM, HUP, INT]' } },
    },
    {
      description: 'Kafka: bracketed time, logger in trailing parentheses, indented config lines join',
      line: '[2016-12-19 16:31:46,143] INFO KafkaConfig values: (kafka.server.KafkaConfig)\n\tadvertised.host.name = null\n\tbroker.id = 0',
      expected: { event: { tsMs: Date.UTC(2016, 11, 19, 16, 31, 46, 143), service: 'kafka.server.KafkaConfig', message: 'KafkaConfig values:\n\tadvertised.host.name = null\n\tbroker.id = 0' } },
    },
    {
      description: 'HDFS: yyMMdd HHmmss and a pid',
      line: '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865 terminating',
      expected: { event: { tsMs: Date.UTC(2008, 10, 9, 20, 36, 15), service: 'dfs.DataNode$PacketResponder', attrs: { pid: 148 } } },
    },
    {
      description: 'Spring Boot (logback): T separator, padded thread and logger; a stack trace joins the event',
      line: '2025-01-24T07:00:31,402 ERROR [http-nio-8080-exec-3 ] OrderController          : checkout failed\njava.lang.IllegalStateException: pool exhausted\n\tat com.example.Pool.take(Pool.java:42)\nCaused by: java.net.SocketTimeoutException: Read timed out\n\t... 12 more',
      expected: {
        event: {
          tsMs: Date.UTC(2025, 0, 24, 7, 0, 31, 402), level: 'error', service: 'OrderController',
          message: 'checkout failed\njava.lang.IllegalStateException: pool exhausted\n\tat com.example.Pool.take(Pool.java:42)\nCaused by: java.net.SocketTimeoutException: Read timed out\n\t... 12 more',
          attrs: { thread: 'http-nio-8080-exec-3' },
        },
      },
    },
    {
      description: 'OpenStack: the log file name leads the line',
      line: 'nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute.wsgi.server [req-38101a0b] 10.11.10.1 "GET /v2/servers HTTP/1.1" status: 200',
      expected: { event: { tsMs: Date.UTC(2017, 4, 16, 0, 0, 0, 8), level: 'info', attrs: { file: 'nova-api.log.1.2017-05-16_13:53:08', pid: 25746 } } },
    },
    {
      description: 'a stack frame at the start of a file has no event to join',
      line: '\tat com.example.Pool.take(Pool.java:42)',
      expected: { unparsedReason: 'not a log4j-style line (expected a timestamp, a level word such as INFO, then the message)' },
    },
  ],
});
