/**
 * The one `git cat-file --batch` stream of the engine: requests in, blobs out, in order. Each
 * request carries what its caller needs to judge the blob (a path, a commit, "prior"), and comes
 * back paired with the blob — callers never pair objects with requests by counting.
 */
import { objectReader, type GitOptions } from '../git.js';
import type { BatchObject } from '../parse-z.js';

/** Blobs above this are counted as skipped rather than held in memory. */
export const MAX_BLOB_BYTES = 32 * 1024 * 1024;

export interface BlobStream<T> {
  /** Ask for one blob; it reaches `onBlob` with `tag`, in request order. */
  request(oid: string, tag: T): void;
  /** No more requests: resolves once every blob has been handed over (MissingObjectError if one was missing). */
  done(): Promise<void>;
}

/**
 * Open the stream. git starts now, so its start-up overlaps whatever produces the requests; the
 * tags wait in a queue that drops each entry as its blob arrives (memory: the requests in flight).
 */
export function openBlobStream<T>(
  git: GitOptions,
  onBlob: (object: BatchObject, tag: T) => void,
  maxBytes = MAX_BLOB_BYTES
): BlobStream<T> {
  let tags: T[] = [];
  let head = 0;
  const reader = objectReader(
    maxBytes,
    (object) => {
      const tag = tags[head]!;
      tags[head++] = undefined as T;
      // Drop the consumed half now and then: a history walk requests hundreds of thousands of blobs.
      if (head > 4096 && head * 2 > tags.length) {
        tags = tags.slice(head);
        head = 0;
      }
      onBlob(object, tag);
    },
    git
  );
  return {
    request(oid, tag) {
      tags.push(tag);
      reader.request(oid);
    },
    done: () => reader.done()
  };
}
