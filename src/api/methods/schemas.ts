/** Argument building blocks shared by the API's method groups. */
import { z } from 'zod';

/** An instant or a duration in integer milliseconds (UTC epoch for instants), within JS Date's range. */
export const tsMsSchema = z.number().int().min(-8.64e15).max(8.64e15);

/** A path on the machine that runs the service. */
export const filePathSchema = z.string().min(1).max(4096);

/** A method that takes no arguments. */
export const noArgs = z.object({}).strict();
