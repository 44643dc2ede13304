/** Handlers of the insight methods (src/api/methods/insight-methods.ts): thin calls into src/store/insight-*. */
import type { InsightFinding } from '../../model/insight';
import { createAnnotation } from '../../store/annotation-store';
import { setDismissed } from '../../store/insight-dismissals';
import { warmInsightPatterns } from '../../store/insight-patterns';
import { compareIncidentRollouts, findingByKey, insightReport } from '../../store/insight-report';
import type { ApiHandlers } from '../contract';
import type { InsightResults } from '../methods/insight-methods';
import type { ServiceContext } from './service-context';

/** The Markdown body of an annotation made from a finding: the sentence, the numbers, the query. */
export function annotationBodyOf(finding: InsightFinding): string {
  const numbers = finding.evidence.numbers.map((n) => `- ${n.label}: ${n.value}`).join('\n');
  const params = JSON.stringify(finding.evidence.parameters);
  return `${finding.title}\n\nRaised by Hindsight's "what changed" heuristics (${finding.kind}); a lead to check, not a conclusion.\n\n${numbers}\n\nEvents behind it:\n\n\`\`\`sql\n${finding.evidence.sql}\n-- parameters: ${params}\n\`\`\``;
}

/** The insight handlers over the context's open incident. */
export function createInsightHandlers(ctx: ServiceContext): Pick<ApiHandlers, keyof InsightResults> {
  return {
    'insight.findings': async ({ sinceMs }) => {
      const incident = ctx.requireIncident();
      await warmInsightPatterns(incident, (progress) => ctx.emit('insight.progress', progress));
      return insightReport(incident, sinceMs);
    },
    'insight.dismiss': ({ key, author }) => {
      setDismissed(ctx.requireWritable(), key, true, author);
      return { key, isDismissed: true };
    },
    'insight.restore': ({ key }) => {
      setDismissed(ctx.requireWritable(), key, false, '');
      return { key, isDismissed: false };
    },
    'insight.toAnnotation': ({ key, kind, author }) => {
      const incident = ctx.requireWritable();
      const finding = findingByKey(incident, key);
      const title = finding.title.length > 480 ? `${finding.title.slice(0, 479)}…` : finding.title;
      const annotation = createAnnotation(
        incident,
        { kind, tsMs: finding.tsMs, endMs: finding.endMs, eventIds: finding.evidence.eventIds, title, body: annotationBodyOf(finding), owner: null, dueDate: null },
        author,
      );
      ctx.emit('annotations.changed', { reason: 'edit' });
      return annotation;
    },
    'insight.compare': (args) => compareIncidentRollouts(ctx.requireIncident(), args),
  };
}
