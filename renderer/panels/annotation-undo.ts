/**
 * Undo and redo of annotation edits. Every edit is already committed to the incident file; undoing
 * it is another committed edit (the inverse), so nothing depends on the window staying open.
 */

/** One undoable edit: how to reverse it and how to apply it again. */
export interface UndoEntry {
  /** What the edit was, for the announcement ("Undid: edit title"). */
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

/** Most edits remembered. */
export const UNDO_LIMIT = 200;

/** Two stacks of edits; a new edit clears the redo stack. */
export class UndoStack {
  private readonly done: UndoEntry[] = [];
  private readonly undone: UndoEntry[] = [];

  /** Records an edit that has just been made. */
  push(entry: UndoEntry): void {
    this.done.push(entry);
    if (this.done.length > UNDO_LIMIT) this.done.shift();
    this.undone.length = 0;
  }

  /** Reverses the latest edit; resolves to its label, or null when there is nothing to undo. */
  async undo(): Promise<string | null> {
    return this.move(this.done, this.undone, 'undo');
  }

  /** Applies the latest undone edit again; resolves to its label, or null when there is nothing to redo. */
  async redo(): Promise<string | null> {
    return this.move(this.undone, this.done, 'redo');
  }

  /** How many edits can be undone and redone. */
  depths(): { undoDepth: number; redoDepth: number } {
    return { undoDepth: this.done.length, redoDepth: this.undone.length };
  }

  /** Forgets everything (another incident was opened). */
  clear(): void {
    this.done.length = 0;
    this.undone.length = 0;
  }

  private async move(from: UndoEntry[], to: UndoEntry[], action: 'undo' | 'redo'): Promise<string | null> {
    const entry = from.pop();
    if (entry === undefined) return null;
    try {
      await entry[action]();
    } catch (error) {
      from.push(entry);
      throw error;
    }
    to.push(entry);
    return entry.label;
  }
}
