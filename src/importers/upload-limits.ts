/** Limits of browser uploads (src/importers/uploads.ts), in a module with no Node imports so the API schemas can use them. */

/** Largest file one upload may carry, in bytes (256 MiB); bigger files go through `hindsight import`. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

/**
 * Largest chunk, in bytes before base64: 512 KiB, which is about 683 KiB of base64 and so fits the
 * HTTP shell's 1 MiB request body limit with room for the JSON around it.
 */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;

/** Most uploads waiting for their import at once. */
export const MAX_PENDING_UPLOADS = 1000;
