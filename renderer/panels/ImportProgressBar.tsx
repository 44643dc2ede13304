/** Progress of a running import: a labelled bar, bytes, lines, events per second, time left, and Cancel. */
import { useId } from 'react';
import type { ImportProgress } from '../../src/model/incident';
import { useApp } from '../state/app-context';
import { formatBytes, formatCount, formatDuration } from '../timeline/format-time';

/** Props: the latest progress report. */
export interface ImportProgressBarProps {
  progress: ImportProgress;
}

/** The bar and its figures as text; Cancel stops at the next batch (importing the same path again resumes). */
export function ImportProgressBar({ progress }: ImportProgressBarProps) {
  const { client } = useApp();
  const labelId = useId();
  const fileName = progress.path.split(/[\\/]/).pop() ?? progress.path;
  const position = progress.fileCount !== undefined && progress.fileCount > 1 ? ` (file ${progress.fileIndex ?? 1} of ${progress.fileCount})` : '';
  const left = progress.remainingMs === undefined || progress.remainingMs === null ? 'estimating time left' : `about ${formatDuration(progress.remainingMs)} left`;
  return (
    <span className="import-progress" data-testid="import-progress">
      <span id={labelId}>
        Importing {fileName}
        {position}
      </span>
      <progress aria-labelledby={labelId} max={Math.max(1, progress.bytesTotal)} value={Math.min(progress.bytesRead, progress.bytesTotal)} />
      <span className="import-progress-figures">
        {formatBytes(progress.bytesRead)} of {formatBytes(progress.bytesTotal)}, {formatCount(progress.lines)} lines, {formatCount(progress.events)} events
        {progress.unparsed > 0 ? `, ${formatCount(progress.unparsed)} unparsed` : ''}
        {progress.eventsPerSecond !== undefined ? `; ${formatCount(progress.eventsPerSecond)} events/s` : ''}; {left}
      </span>
      <button type="button" onClick={() => void client.api['import.cancel']({})}>
        Cancel import
      </button>
    </span>
  );
}
