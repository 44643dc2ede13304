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

/** Uploads every file in order and returns their upload ids, ready for `import.uploadFinish`. */
export async function uploadFiles(api: HindsightApi, files: readonly File[], onProgress: (progress: UploadProgress) => void): Promise<string[]> {
  const uploadIds: string[] = [];
  for (const [index, file] of files.entries()) {
    const { uploadId, name, chunkBytes } = await api['import.uploadBegin']({ fileName: file.name, sizeBytes: file.size });
    const report = (sentBytes: number) => onProgress({ name, fileIndex: index + 1, fileCount: files.length, sentBytes, totalBytes: file.size });
    report(0);
    for (let offsetBytes = 0; offsetBytes < file.size; offsetBytes += chunkBytes) {
      const bytes = new Uint8Array(await file.slice(offsetBytes, offsetBytes + chunkBytes).arrayBuffer());
      await api['import.uploadChunk']({ uploadId, offsetBytes, dataBase64: toBase64(bytes) });
      report(Math.min(file.size, offsetBytes + bytes.length));
    }
    uploadIds.push(uploadId);
  }
  return uploadIds;
}

/** Base64 of `bytes`, built in slices so a 512 KiB chunk never overflows the argument list of fromCharCode. */
function toBase64(bytes: Uint8Array): string {
  const sliceBytes = 0x8000;
  let binary = '';
  for (let start = 0; start < bytes.length; start += sliceBytes) binary += String.fromCharCode(...bytes.subarray(start, start + sliceBytes));
  return btoa(binary);
}
