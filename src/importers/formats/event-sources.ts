/**
 * The document and event-source formats (whole JSON documents from cluster, paging, CI, dashboard,
 * cloud and chat tools) and the container log formats, in the order registry.ts tries them.
 * NOTE: they come before json-lines because their sniffs are specific: a JSON-lines file of Kubernetes
 * events or Docker json-file records also reads as generic JSON lines, and ties go to the earlier format.
 */
import type { FormatDefinition } from '../format';
import { argoRolloutsFormat } from './argo-rollouts';
import { dockerJsonFormat, criFormat } from './container-logs';
import { githubFormat } from './github';
import { kubernetesEventsFormat } from './kubernetes-events';
import { awsAutoscalingFormat, grafanaAnnotationsFormat, honeycombMarkersFormat } from './markers';
import { openshiftStatusFormat } from './openshift-status';
import { otelLogsFormat } from './otel';
import { pagerdutyFormat } from './pagerduty';
import { slackFormat } from './slack';

/** Document, event-source and container formats. */
export const EVENT_SOURCE_FORMATS: readonly FormatDefinition[] = [
  kubernetesEventsFormat,
  argoRolloutsFormat,
  openshiftStatusFormat,
  pagerdutyFormat,
  githubFormat,
  grafanaAnnotationsFormat,
  honeycombMarkersFormat,
  awsAutoscalingFormat,
  slackFormat,
  otelLogsFormat,
  dockerJsonFormat,
  criFormat,
];
