/**
 * Conformance: every file of the shared real-world corpus (../shared/data/real, read in place, never
 * copied) is imported into a fresh incident, and for each the test checks what a user would notice:
 * the import succeeds, the format sniffed is the one expected below, the events' times are plausible
 * (inside the years MANIFEST.md gives for the file, and never after the file was written), and every
 * line is accounted for (each line in exactly one event's or one unparsed record's range).
 * A file whose expected format is not registered yet (a format another change adds) is checked for
 * accounting only, with a note printed, so the check turns strict by itself when the format lands.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/importers/import-paths';
import { FORMATS } from '../../src/importers/registry';
import { IncidentDb } from '../../src/store/incident-db';

const REAL_DATA = resolve(__dirname, '../../../shared/data/real');

/** The format each corpus file must be sniffed as ('unrecognised' where no format fits it yet). */
const EXPECTED_FORMATS: Readonly<Record<string, string>> = {
  'loghub/Linux_2k.log': 'syslog-rfc3164',
  'loghub/OpenSSH_2k.log': 'syslog-rfc3164',
  'loghub/Mac_2k.log': 'syslog-rfc3164',
  'loghub/Apache_2k.log': 'apache-error',
  'loghub/Zookeeper_2k.log': 'log4j',
  'loghub/Hadoop_2k.log': 'log4j',
  'loghub/HDFS_2k.log': 'log4j',
  'loghub/Spark_2k.log': 'log4j',
  'loghub/OpenStack_2k.log': 'log4j',
  'loghub/Android_2k.log': 'timestamp-text',
  'loghub/Windows_2k.log': 'timestamp-text',
  'loghub/Linux_2k.log_structured.csv': 'csv',
  'loghub/OpenSSH_2k.log_structured.csv': 'csv',
  'loghub/Apache_2k.log_structured.csv': 'csv',
  'loghub/Zookeeper_2k.log_structured.csv': 'csv',
  'loghub/Hadoop_2k.log_structured.csv': 'csv',
  'loghub/HDFS_2k.log_structured.csv': 'csv',
  'loghub/Spark_2k.log_structured.csv': 'csv',
  'loghub/OpenStack_2k.log_structured.csv': 'csv',
  'loghub/Android_2k.log_structured.csv': 'csv',
  'loghub/Mac_2k.log_structured.csv': 'csv',
  'loghub/Windows_2k.log_structured.csv': 'csv',
  'lnav/logfile_journald.json': 'json-lines',
  'lnav/logfile_glog.0': 'glog',
  'lnav/logfile_bunyan.0': 'json-lines',
  'lnav/logfile_logfmt.0': 'logfmt',
  'lnav/logfile_strace_log.1': 'unrecognised',
  'lnav/logfile_syslog.0': 'syslog-rfc3164',
  'lnav/logfile_syslog.3': 'syslog-rfc3164',
  'lnav/logfile_access_log.0': 'access-log',
  'lnav/logfile_json.json': 'json-lines',
  'lnav/logfile_docker_compose_with_ts.0': 'docker-compose',
  'lnav/logfile_haproxy.0': 'syslog-rfc3164',
  'lnav/logfile_otel_collector.jsonl': 'otel-logs',
  'lnav/logfile_with_zones.0': 'syslog-rfc5424',
  'lnav/logfile_syslog_with_mixed_times.0': 'syslog-rfc3164',
  'lnav/logfile_dst.0': 'syslog-rfc3164',
  'lnav/logfile_zap_console.0': 'timestamp-text',
  'lnav/logfile_uwsgi.0': 'unrecognised',
  'lnav/logfile_ecs_log.json': 'json-lines',
  'lnav/logfile_tai64n.0': 'unrecognised',
  'lnav/logfile_invalid_json.json': 'json-lines',
  'lnav/logfile_mixed_json2.json': 'json-lines',
  'lnav/logfile_epoch.0': 'timestamp-text',
  'lnav/logfile_shop_access_log.0': 'access-log',
  'lnav/logfile_postgres.0': 'timestamp-text',
  'lnav/logfile_grafana.0': 'logfmt',
  'lnav/logfile_java.0': 'log4j',
  'lnav/logfile_cloudflare.json': 'unrecognised',
  'lnav/logfile_caddy_log.0': 'docker-compose',
  'plaso/syslog': 'syslog-rfc3164',
  'plaso/syslog_cron.log': 'syslog-rfc3164',
  'plaso/apt_history.log': 'unrecognised',
  'plaso/dpkg.log': 'timestamp-text',
  'plaso/cri.log': 'cri',
  'plaso/googlelog_test.INFO': 'glog',
  'plaso/gcp_logging.jsonl': 'json-lines',
  'plaso/syslog_rsyslog_SyslogProtocol23Format': 'syslog-rfc5424',
  'plaso/postgresql.log': 'timestamp-text',
  'plaso/selinux.log': 'unrecognised',
  'plaso/docker_container-json.log': 'docker-json',
  'plaso/vsftpd.log': 'unrecognised',
  'plaso/aws_elb_access.log': 'timestamp-text',
  'timesketch/sigma_events.csv': 'csv',
  'timesketch/sigma_events.jsonl': 'json-lines',
  'timesketch/validate_timestamp_conversion.csv': 'csv',
  'timesketch/invalid_datetime.csv': 'csv',
  'timesketch/evtx_part.csv': 'csv',
  'openshift/clusterversion_version.json': 'openshift-status',
  'openshift/events_openshift-machine-api.json': 'kubernetes-events',
  'openshift/node_ip-10-0-135-228_kubelet_journal.log': 'syslog-rfc3164',
  'openshift/alertmanager-main-0_last-50-lines.log': 'logfmt',
  'openshift/clusteroperator_kube-apiserver.json': 'openshift-status',
  'github/deployment.payload.json': 'github-deployments',
  'github/deployment_status.payload.json': 'github-deployments',
  'github/workflow_run_completed.payload.json': 'github-deployments',
  'elastic/apache_logs': 'access-log',
  'elastic/kafka0_server.log.2016-12-19-16': 'log4j',
  'elastic/kafka0_controller.log.2016-12-19-17': 'log4j',
  'nezha/2022-08-22-fault_list.json': 'unrecognised',
  'nezha/2022-08-22_05_19_log.csv': 'csv',
  'argo-rollouts/rollout-aborted_rollout.yaml': 'argo-rollouts',
  'argo-rollouts/rollout-aborted_analysisrun.yaml': 'argo-rollouts',
  'slack/random_2017-06-25.json': 'slack',
  'slack/normal_messages.json': 'slack',
  'pagerduty/incident.triggered_v3.json': 'pagerduty',
  'pagerduty/incident.trigger_v2_with_log_entries.json': 'pagerduty',
  'nginx/nginx_access_test.log': 'access-log',
};

const MS_PER_DAY = 86_400_000;
/** Before this nothing in the corpus was written; a time earlier than it is a misread. */
const EARLIEST_PLAUSIBLE_MS = Date.UTC(1990, 0, 1);

/** The years a MANIFEST.md "Time span" line names for each file (none when its times have no year). */
function manifestYears(): Map<string, number[]> {
  const years = new Map<string, number[]>();
  const manifest = readFileSync(join(REAL_DATA, 'MANIFEST.md'), 'utf8');
  let current: string | null = null;
  for (const line of manifest.split('\n')) {
    const heading = /^### `([^`]+)`/.exec(line);
    if (heading) current = heading[1]!;
    else if (current !== null && line.startsWith('- **Time span:**')) {
      const found = [...line.matchAll(/\b(19[7-9]\d|20[0-4]\d)\b/g)].map((m) => Number(m[1]));
      if (found.length > 0) years.set(current, found);
    }
  }
  return years;
}

/** Lines as the importer counts them: every `\n` ends one, and text after the last one is one more. */
function countLines(path: string): number {
  const bytes = readFileSync(path);
  let count = 0;
  for (const byte of bytes) if (byte === 10) count++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? count + 1 : count;
}

const hasCorpus = existsSync(join(REAL_DATA, 'MANIFEST.md'));
if (!hasCorpus) console.warn(`Conformance: no real-world corpus at ${REAL_DATA}; these checks are skipped.`);

describe.runIf(hasCorpus)('conformance with the real-world corpus', () => {
  const root = mkdtempSync(join(tmpdir(), 'hindsight-conformance-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const years = hasCorpus ? manifestYears() : new Map<string, number[]>();
  const registered = new Set(FORMATS.map((f) => f.name));
  let caseIndex = 0;

  it('lists an expectation for every file in the corpus', () => {
    const listed = [...years.keys()].filter((file) => !(file in EXPECTED_FORMATS));
    expect(listed, 'files in MANIFEST.md with a time span but no expected format').toEqual([]);
  });

  it.each(Object.entries(EXPECTED_FORMATS))('%s is read as %s', async (file, expectedFormat) => {
    const path = join(REAL_DATA, file);
    if (!existsSync(path)) {
      console.warn(`Conformance: ${file} is not in the corpus; nothing to check.`);
      return;
    }
    const incident = IncidentDb.open(join(root, `case-${caseIndex++}.hindsight`), { create: true });
    try {
      const summary = await importPaths(incident, [path], { timeZone: 'UTC' });
      const source = summary.sources[0]!;
      const lineCount = countLines(path);
      const covered = incident.db
        .prepare(
          `SELECT (SELECT COALESCE(SUM(line_end - line_start + 1), 0) FROM events WHERE source_id = @id)
                + (SELECT COALESCE(SUM(line_end - line_start + 1), 0) FROM unparsed WHERE source_id = @id) AS lines`,
        )
        .get({ id: source.sourceId }) as { lines: number };
      expect(source.lines, 'lines read').toBe(lineCount);
      if (!registered.has(expectedFormat) && expectedFormat !== 'unrecognised') {
        console.info(`Conformance: ${file} expects format "${expectedFormat}", which is not registered yet; checked accounting only (read as ${source.format}).`);
        expect(covered.lines, 'lines covered by events and unparsed records').toBeGreaterThanOrEqual(lineCount);
        return;
      }
      expect(source.format, 'sniffed format').toBe(expectedFormat);
      const isDocument = FORMATS.some((f) => f.name === expectedFormat && f.kind === 'document');
      // A document format may read several events out of one line; a line format puts each line in exactly one record.
      if (isDocument) expect(covered.lines).toBeGreaterThanOrEqual(lineCount);
      else expect(covered.lines, 'lines covered by events and unparsed records').toBe(lineCount);
      if (source.firstTsMs === null || source.lastTsMs === null) return;
      expect(source.firstTsMs).toBeGreaterThanOrEqual(EARLIEST_PLAUSIBLE_MS);
      expect(source.lastTsMs).toBeLessThanOrEqual(statSync(path).mtimeMs + 3 * 366 * MS_PER_DAY);
      const span = years.get(file);
      if (span !== undefined) {
        const earliest = Date.UTC(Math.min(...span) - 1, 0, 1);
        const latest = Date.UTC(Math.max(...span) + 2, 0, 1);
        expect(source.firstTsMs, `first time within the years MANIFEST.md gives (${span.join(', ')})`).toBeGreaterThanOrEqual(earliest);
        expect(source.lastTsMs, `last time within the years MANIFEST.md gives (${span.join(', ')})`).toBeLessThan(latest);
      }
    } finally {
      incident.close();
    }
  });
});
