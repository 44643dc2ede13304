/**
 * The in-page way to ask for file paths when the transport has no native picker (the browser shell).
 * A modal <dialog> with a labelled field: one path, or several (one per line) for imports.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

/** What the dialog asks for and what its confirm button says. */
export interface PathDialogProps {
  title: string;
  description: string;
  fieldLabel: string;
  confirmLabel: string;
  initialValue: string;
  /** Several paths, one per line (a textarea) instead of one. */
  isMultiple?: boolean;
  onConfirm(paths: string[]): void;
  onCancel(): void;
}

/** Splits the field into trimmed, non-empty paths. */
function parsePaths(text: string, isMultiple: boolean): string[] {
  const lines = isMultiple ? text.split('\n') : [text];
  return lines.map((line) => line.trim()).filter((line) => line.length > 0);
}

/** A modal dialog, shown as soon as it mounts; Escape or Cancel calls `onCancel`. */
export function PathDialog(props: PathDialogProps) {
  const { title, description, fieldLabel, confirmLabel, initialValue, isMultiple = false, onConfirm, onCancel } = props;
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [value, setValue] = useState(initialValue);
  const titleId = useId();
  const descriptionId = useId();
  const fieldId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const paths = parsePaths(value, isMultiple);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (paths.length > 0) onConfirm(paths);
  };

  return (
    <dialog
      ref={dialogRef}
      className="path-dialog"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form onSubmit={submit}>
        <h2 id={titleId}>{title}</h2>
        <p id={descriptionId} className="muted">
          {description}
        </p>
        <label htmlFor={fieldId}>{fieldLabel}</label>
        {isMultiple ? (
          <textarea id={fieldId} value={value} rows={6} spellCheck={false} autoFocus onChange={(e) => setValue(e.target.value)} />
        ) : (
          <input id={fieldId} type="text" value={value} spellCheck={false} autoFocus onChange={(e) => setValue(e.target.value)} />
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={paths.length === 0}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
