/**
 * Dropping log files onto the window imports them. While files are dragged over the window an overlay
 * says where they will go (or, with no writable incident, what to do first); the Import… button stays
 * the keyboard and mouse way in. Folders are imported by path in Electron; the browser can only upload
 * files, so a dropped folder there is refused with a sentence.
 */
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../state/app-context';

/** Props: where drops go, or why they cannot. */
export interface FileDropZoneProps {
  /** Title of the incident drops import into; null when drops are refused. */
  targetTitle: string | null;
  /** The one sentence shown (and raised on drop) when drops are refused; null when they are welcome. */
  refusal: string | null;
  /** Imports the dropped files (called only when `refusal` is null). */
  onDropFiles(files: File[]): void;
}

/** True when the drag carries files (not text or a link dragged from the page). */
function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') === true;
}

/** Listens for file drags on the whole window and shows the drop overlay while one is over it. */
export function FileDropZone({ targetTitle, refusal, onDropFiles }: FileDropZoneProps) {
  const { store, client } = useApp();
  const [isDragging, setDragging] = useState(false);
  // NOTE: dragenter/dragleave fire for every element crossed; the overlay hides when the count is back to 0.
  const depthRef = useRef(0);

  useEffect(() => {
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depthRef.current++;
      setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = refusal === null ? 'copy' : 'none';
    };
    const onLeave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depthRef.current = Math.max(0, depthRef.current - 1);
      if (depthRef.current === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depthRef.current = 0;
      setDragging(false);
      const state = store.getState();
      if (refusal !== null) return state.showError(refusal);
      if (state.busyLabel !== null) return state.showError(`Hindsight is busy (${state.busyLabel}); drop the files again when it has finished.`);
      const transfer = event.dataTransfer;
      if (!transfer) return;
      const files = [...transfer.files];
      if (files.length === 0) return;
      const items = [...transfer.items];
      const isFolderDropped = items.some((item) => item.kind === 'file' && item.webkitGetAsEntry()?.isDirectory === true);
      if (isFolderDropped && files.some((file) => client.pathForFile(file) === null)) {
        return state.showError('The browser cannot upload a folder; drop the files inside it, or a zip of the folder, instead.');
      }
      onDropFiles(files);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [store, client, refusal, onDropFiles]);

  if (!isDragging) return null;
  return (
    <div className={refusal === null ? 'drop-overlay' : 'drop-overlay drop-overlay-refused'} data-testid="drop-overlay" aria-live="assertive">
      <p className="drop-overlay-text">{refusal ?? `Drop logs to import into ${targetTitle ?? 'this incident'}`}</p>
      {refusal === null && (
        <p className="drop-overlay-hint">
          {client.transport === 'electron' ? 'Files, folders and archives' : 'Files and archives (a folder: zip it first)'}; formats are detected automatically.
        </p>
      )}
    </div>
  );
}
