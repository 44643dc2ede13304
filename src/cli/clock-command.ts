/**
 * `hindsight shift-clock`: corrects one source's clock after import. The offset is stored on the
 * source and added to its event times when they are read; the stored times stay as imported.
 */
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { ApiError } from '../api/errors';
import { IncidentDb } from '../store/incident-db';
import { buildLod } from '../store/lod-build';
import { setClockOffset } from '../store/source-progress';

/** Registers `shift-clock` on the program; `out` prints one line of result. */
export function registerClockCommand(program: Command, out: (text: string) => void): void {
  program
    .command('shift-clock')
    .description("Correct a source's clock: add an offset to every event time of that source when read (the imported times are kept).")
    .argument('<incident>', 'incident file (*.hindsight)')
    .argument('<source-id>', 'the source to shift (ids: hindsight query <incident> "SELECT id, name FROM sources")', integerArgument)
    .argument('<offset-ms>', 'milliseconds to add (negative moves it earlier; 0 removes the correction)', integerArgument)
    .action((incidentPath: string, sourceId: number, offsetMs: number) => {
      const incident = IncidentDb.open(resolve(incidentPath));
      try {
        if (!setClockOffset(incident, sourceId, offsetMs)) {
          throw new ApiError('not_found', `There is no source ${sourceId} in ${incident.path}; list them with: hindsight query ${incidentPath} "SELECT id, name FROM sources".`);
        }
        buildLod(incident);
        out(offsetMs === 0 ? `Source ${sourceId} reads its imported times again.\n` : `Source ${sourceId} now reads ${Math.abs(offsetMs)} ms ${offsetMs < 0 ? 'earlier' : 'later'} than imported.\n`);
      } finally {
        incident.close();
      }
    });
}

function integerArgument(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a whole number.`);
  return Number(value);
}
