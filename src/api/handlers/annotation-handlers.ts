/** Handlers of the annotation methods (src/api/methods/annotation-methods.ts): thin calls into the store. */
import { mergeIncidentNotes } from '../../store/annotation-merge';
import { listStars, setStar } from '../../store/annotation-stars';
import { annotationHistory, createAnnotation, listAnnotations, setAnnotationDeleted, updateAnnotation } from '../../store/annotation-store';
import type { ApiHandlers } from '../contract';
import type { AnnotationResults } from '../methods/annotation-methods';
import type { ServiceContext } from './service-context';

/** The annotation handlers; every edit needs a writable incident and tells subscribers afterwards. */
export function createAnnotationHandlers(ctx: ServiceContext): Pick<ApiHandlers, keyof AnnotationResults> {
  const changed = <T>(value: T, reason: 'edit' | 'merge' | 'star'): T => {
    ctx.emit('annotations.changed', { reason });
    return value;
  };
  return {
    'annotations.list': () => listAnnotations(ctx.requireIncident()),
    'annotations.create': ({ author, ...fields }) => changed(createAnnotation(ctx.requireWritable(), fields, author), 'edit'),
    'annotations.update': ({ uid, author, patch }) => changed(updateAnnotation(ctx.requireWritable(), uid, patch, author), 'edit'),
    'annotations.delete': ({ uid, author }) => changed(setAnnotationDeleted(ctx.requireWritable(), uid, true, author), 'edit'),
    'annotations.restore': ({ uid, author }) => changed(setAnnotationDeleted(ctx.requireWritable(), uid, false, author), 'edit'),
    'annotations.history': ({ uid }) => annotationHistory(ctx.requireIncident(), uid),
    'annotations.merge': ({ path }) => changed(mergeIncidentNotes(ctx.requireWritable(), path), 'merge'),
    'stars.list': () => listStars(ctx.requireIncident()),
    'stars.set': ({ eventId, isStarred, author }) => {
      const incident = ctx.requireWritable();
      setStar(incident, eventId, isStarred, author);
      return changed(listStars(incident), 'star');
    },
  };
}
