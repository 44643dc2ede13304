/**
 * The list of importer formats and how a file is matched to one. Adding a format means adding its
 * definition (with samples) to {@link FORMATS}; sniffing, `--format` and `hindsight formats` follow.
 */
import { ApiError } from '../api/errors';
import type { FormatDefinition, LineParser } from './format';
import { EVENT_SOURCE_FORMATS } from './formats/event-sources';
import { jsonLinesFormat } from './formats/json-lines';
import { TEXT_FORMATS, timestampTextFormat } from './formats/text-formats';

/** Every format, in the order they are tried when confidences tie. */
export const FORMATS: readonly FormatDefinition[] = [...EVENT_SOURCE_FORMATS, jsonLinesFormat, ...TEXT_FORMATS, timestampTextFormat];

/** The format name recorded for a file no format fits; every line of it becomes unparsed. */
export const UNRECOGNISED_FORMAT = 'unrecognised';

/** Below this confidence a sniff does not count as a match. */
const MIN_CONFIDENCE = 0.05;

/** The format called `name`, or an ApiError naming the known formats. */
export function formatByName(name: string): FormatDefinition {
  const format = FORMATS.find((f) => f.name === name);
  if (!format) {
    throw new ApiError('invalid_argument', `There is no format called "${name}"; known formats are ${FORMATS.map((f) => f.name).join(', ')}.`);
  }
  return format;
}

/** The format whose sniff is most confident about the sample lines, or null when none fits. */
export function detectFormat(sampleLines: readonly string[]): FormatDefinition | null {
  const lines = sampleLines.filter((line) => line.trim().length > 0);
  let best: FormatDefinition | null = null;
  let bestConfidence = MIN_CONFIDENCE;
  for (const format of FORMATS) {
    const confidence = format.sniff(lines);
    if (confidence > bestConfidence || (best === null && confidence >= bestConfidence)) {
      best = format;
      bestConfidence = confidence;
    }
  }
  return best;
}

/** The parser used for an unrecognised file: every line becomes unparsed with the same reason. */
export function unrecognisedParser(): LineParser {
  const reason = `no known format matches this file (tried ${FORMATS.map((f) => f.name).join(', ')})`;
  return () => reason;
}
