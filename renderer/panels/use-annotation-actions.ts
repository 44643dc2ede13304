/**
 * Annotation commands shared by the panel, the editor, the timeline markers and the shortcuts. Each
 * command calls the API (which commits before answering), records its inverse for undo, and reloads
 * the list. Failures become the one-sentence alert.
 */
import { useMemo } from 'react';
import type { HindsightClient } from '../api-client';
import type { Annotation, AnnotationFields } from '../../src/model/annotation';
import { useApp } from '../state/app-context';
import { errorSentence } from '../state/errors';
import type { HindsightStore } from '../state/store';
import { UndoStack } from './annotation-undo';

const stacks = new WeakMap<HindsightStore, UndoStack>();

/** The undo stack of one window's store. */
export function undoStackOf(store: HindsightStore): UndoStack {
  let stack = stacks.get(store);
  if (stack === undefined) {
    stack = new UndoStack();
    stacks.set(store, stack);
  }
  return stack;
}

/** The commands. Each resolves to null (and shows the alert) when the service refused. */
export interface AnnotationActions {
  refresh(): Promise<void>;
  create(fields: Partial<AnnotationFields> & Pick<AnnotationFields, 'kind' | 'tsMs'>): Promise<Annotation | null>;
  update(uid: string, patch: Partial<AnnotationFields>, label?: string): Promise<Annotation | null>;
  remove(uid: string): Promise<void>;
  toggleStar(eventId: number): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

function pick(annotation: Annotation, keys: (keyof AnnotationFields)[]): Partial<AnnotationFields> {
  return Object.fromEntries(keys.map((key) => [key, annotation[key]])) as Partial<AnnotationFields>;
}

/** Builds the commands over a store and client (exported for tests that drive them without React). */
export function createAnnotationActions(store: HindsightStore, client: HindsightClient): AnnotationActions {
  const stack = undoStackOf(store);
  const author = () => store.getState().authorName.trim();
  const syncDepths = () => {
    const { undoDepth, redoDepth } = stack.depths();
    store.getState().setUndoDepths(undoDepth, redoDepth);
  };
  const refresh = async () => {
    const [annotations, stars] = await Promise.all([client.api['annotations.list']({}), client.api['stars.list']({})]);
    store.getState().setAnnotations(annotations);
    store.getState().setStarredEventIds(stars.map((s) => s.eventId));
  };
  const attempt = async <T>(run: () => Promise<T>): Promise<T | null> => {
    try {
      const value = await run();
      store.getState().clearError();
      return value;
    } catch (error) {
      store.getState().showError(errorSentence(error));
      return null;
    } finally {
      syncDepths();
      await refresh().catch(() => undefined);
    }
  };
  const setDeleted = (uid: string, isDeleted: boolean) => async () => {
    await client.api[isDeleted ? 'annotations.delete' : 'annotations.restore']({ uid, author: author() });
  };
  const setStarred = (eventId: number, isStarred: boolean) => async () => {
    await client.api['stars.set']({ eventId, isStarred, author: author() });
  };

  return {
    refresh: () => refresh().catch((error: unknown) => store.getState().showError(errorSentence(error))),
    create: (fields) =>
      attempt(async () => {
        const created = await client.api['annotations.create']({ ...fields, author: author() });
        stack.push({ label: 'add annotation', undo: setDeleted(created.uid, true), redo: setDeleted(created.uid, false) });
        store.getState().setEditingUid(created.uid);
        return created;
      }),
    update: (uid, patch, label = 'edit annotation') =>
      attempt(async () => {
        const { before, after } = await client.api['annotations.update']({ uid, patch, author: author() });
        const keys = Object.keys(patch) as (keyof AnnotationFields)[];
        stack.push({
          label,
          undo: async () => void (await client.api['annotations.update']({ uid, patch: pick(before, keys), author: author() })),
          redo: async () => void (await client.api['annotations.update']({ uid, patch: pick(after, keys), author: author() })),
        });
        return after;
      }),
    remove: async (uid) => {
      await attempt(async () => {
        await setDeleted(uid, true)();
        stack.push({ label: 'delete annotation', undo: setDeleted(uid, false), redo: setDeleted(uid, true) });
        if (store.getState().editingUid === uid) store.getState().setEditingUid(null);
      });
    },
    toggleStar: async (eventId) => {
      const isStarred = !store.getState().starredEventIds.includes(eventId);
      await attempt(async () => {
        await setStarred(eventId, isStarred)();
        stack.push({ label: isStarred ? 'star event' : 'unstar event', undo: setStarred(eventId, !isStarred), redo: setStarred(eventId, isStarred) });
      });
    },
    undo: async () => {
      await attempt(() => stack.undo());
    },
    redo: async () => {
      await attempt(() => stack.redo());
    },
  };
}

/** The commands for this window. */
export function useAnnotationActions(): AnnotationActions {
  const { store, client } = useApp();
  return useMemo(() => createAnnotationActions(store, client), [store, client]);
}
