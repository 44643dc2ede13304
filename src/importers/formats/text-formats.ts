/**
 * The line-based text formats in the order they are tried when confidences tie, and the fallback for
 * any line that starts with a timestamp (listed last in the registry; it sniffs with a lower weight).
 */
import type { LineFormatDefinition } from '../format';
import { accessLogFormat } from './access-log';
import { csvFormat } from './csv';
import { dockerComposeFormat } from './docker-compose';
import { apacheErrorFormat, nginxErrorFormat } from './error-logs';
import { glogFormat } from './glog';
import { log4jFormat } from './log4j';
import { logfmtFormat } from './logfmt';
import { syslogRfc3164Format, syslogRfc5424Format } from './syslog';

export { timestampTextFormat } from './timestamp-text';

/** logfmt, syslog, web server logs, Java application logs, glog and CSV. */
export const TEXT_FORMATS: readonly LineFormatDefinition[] = [
  logfmtFormat,
  syslogRfc5424Format,
  syslogRfc3164Format,
  accessLogFormat,
  apacheErrorFormat,
  nginxErrorFormat,
  log4jFormat,
  glogFormat,
  csvFormat,
  dockerComposeFormat,
];
