import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * SHA-256 of a file's bytes as 64 lowercase hex digits, read as a stream (constant memory whatever the size).
 *
 * @example
 * await sha256File('bird.jpg') // 'e94c132f6a87e2d94f72d41e31afe07aad9300a4a7b40a34c97e19a1cb359185'
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
