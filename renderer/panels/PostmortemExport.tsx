/** Export controls: a format, a file path on the machine running Hindsight (default beside the incident), and Export. */
import { useEffect, useId, useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../../src/model/postmortem';
import { useApp } from '../state/app-context';
import { errorSentence } from '../state/errors';
import { formatBytes, formatCountOf } from '../timeline/format-time';

const FORMAT_LABELS: Record<ExportFormat, string> = {
  md: 'Postmortem, Markdown (+ timeline SVG)',
  html: 'Postmortem, HTML (self-contained)',
  pdf: 'Postmortem, PDF',
  csv: 'Events, Timesketch CSV',
  jsonl: 'Events, Timesketch JSONL',
  trace: 'Events, Chrome trace JSON (Perfetto)',
};

/** The export form. */
export function PostmortemExport() {
  const { client } = useApp();
  const headingId = useId();
  const formatId = useId();
  const pathId = useId();
  const [format, setFormat] = useState<ExportFormat>('md');
  const [path, setPath] = useState('');
  const [status, setStatus] = useState('');
  const [isBusy, setBusy] = useState(false);

  useEffect(() => {
    let isCurrent = true;
    client.api['export.defaultPath']({ format }).then(
      (result) => isCurrent && setPath(result.path),
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, [client, format]);

  const run = async () => {
    setBusy(true);
    setStatus(`Exporting ${FORMAT_LABELS[format]}…`);
    try {
      const result = await client.api['export.write']({ format, path: path.trim() === '' ? undefined : path.trim() });
      const what = result.eventCount > 0 ? formatCountOf(result.eventCount, 'event') : formatBytes(result.bytes);
      setStatus(`Wrote ${result.path} (${what})${result.extraPaths.length > 0 ? ` and ${result.extraPaths.join(', ')}` : ''}.`);
    } catch (error) {
      setStatus(`Export failed: ${errorSentence(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="postmortem-export" aria-labelledby={headingId}>
      <h3 id={headingId}>Export</h3>
      <div className="export-row">
        <label htmlFor={formatId}>Format</label>
        <select id={formatId} value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
          {EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
        <label htmlFor={pathId}>Save to</label>
        <input id={pathId} value={path} onChange={(e) => setPath(e.target.value)} />
        <button type="button" className="primary" disabled={isBusy} onClick={() => void run()}>
          Export
        </button>
      </div>
      <p role="status" className="export-status" data-testid="export-status">
        {status}
      </p>
    </section>
  );
}
