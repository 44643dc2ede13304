/**
 * Sends dropped files to the HTTP shell, which cannot read the browser's paths: each file goes in
 * base64 chunks of the size `import.uploadBegin` names (under the shell's 1 MiB body limit).
 */
import type { HindsightApi } from '../../src/api/contract';

/** How far an upload has got, for the busy label: the file, its position, and bytes sent of its size. */
export interface UploadProgress {
  name: string;
  fileIndex: number;
  fileCount: number;
  sentBytes: number;
  totalBytes: number;
}

/** Thrown by {@link uploadFiles} when its signal was aborted: what had arrived is deleted, nothing imported. */
export class UploadCancelled extends Error {
  constructor() {
    super('The upload was cancelled; nothing was imported.');
  }
}

/**
 * Uploads every file in order and returns their upload ids, ready for `import.uploadFinish`. When
 * `signal` is aborted it stops before the next chunk, asks the shell to delete what arrived, and throws
 * {@link UploadCancelled}.
 */
export async function uploadFiles(api: HindsightApi, files: readonly File[], onProgress: (progress: UploadProgress) => void, signal?: AbortSignal): Promise<string[]> {
  const uploadIds: string[] = [];
  const stopIfCancelled = async () => {
    if (signal?.aborted !== true) return;
    if (uploadIds.length > 0) await api['import.uploadCancel']({ uploadIds });
    throw new UploadCancelled();
  };
  for (const [index, file] of files.entries()) {
    await stopIfCancelled();
    const { uploadId, name, chunkBytes } = await api['import.uploadBegin']({ fileName: file.name, sizeBytes: file.size });
    uploadIds.push(uploadId);
    const report = (sentBytes: number) => onProgress({ name, fileIndex: index + 1, fileCount: files.length, sentBytes, totalBytes: file.size });
    report(0);
    for (let offsetBytes = 0; offsetBytes < file.size; offsetBytes += chunkBytes) {
      await stopIfCancelled();
      const bytes = new Uint8Array(await file.slice(offsetBytes, offsetBytes + chunkBytes).arrayBuffer());
      await api['import.uploadChunk']({ uploadId, offsetBytes, dataBase64: toBase64(bytes) });
      report(Math.min(file.size, offsetBytes + bytes.length));
    }
  }
  await stopIfCancelled();
  return uploadIds;
}

/** Base64 of `bytes`, built in slices so a 512 KiB chunk never overflows the argument list of fromCharCode. */
function toBase64(bytes: Uint8Array): string {
  const sliceBytes = 0x8000;
  let binary = '';
  for (let start = 0; start < bytes.length; start += sliceBytes) binary += String.fromCharCode(...bytes.subarray(start, start + sliceBytes));
  return btoa(binary);
}
