/**
 * The one `git cat-file --batch` stream of the engine: requests in, blobs out, in order. Each
 * request carries what its caller needs to judge the blob (a path, a commit, "prior"), and comes
 * back paired with the blob — callers never pair objects with requests by counting.
 */
import { objectChecker, objectReader, type GitOptions } from '../git.js';
import type { BatchObject } from '../parse-z.js';

/** Blobs above this are counted as skipped rather than held in memory. */
export const MAX_BLOB_BYTES = 32 * 1024 * 1024;

export interface BlobStream<T> {
  /** Ask for one blob; it reaches `onBlob` with `tag`, in request order. */
  request(oid: string, tag: T): void;
  /** No more requests: resolves once every blob has been handed over (MissingObjectError if one was missing). */
  done(): Promise<void>;
}

export interface StreamOptions<T> {
  /**
   * A missing object goes here instead of to `onBlob` (without it, done() fails with
   * MissingObjectError). With `check`, it is told early, by a lookup-only process running ahead.
   */
  onMissing?: (oid: string, tag: T) => void;
  /** Look every id up first (`cat-file --batch-check`), so a long walk learns of a missing blob in seconds. */
  check?: boolean;
  maxBytes?: number;
}

/** The tags of requests in flight, oldest first; entries are dropped as their answers arrive. */
class TagQueue<T> {
  private tags: Array<T | undefined> = [];
  private head = 0;
  push(tag: T): void {
    this.tags.push(tag);
  }
  shift(): T {
    const tag = this.tags[this.head]!;
    this.tags[this.head++] = undefined;
    // Drop the consumed half now and then: a history walk requests hundreds of thousands of blobs.
    if (this.head > 4096 && this.head * 2 > this.tags.length) {
      this.tags = this.tags.slice(this.head);
      this.head = 0;
    }
    return tag;
  }
}

/**
 * Open the stream. git starts now, so its start-up overlaps whatever produces the requests; the
 * tags wait in a queue that drops each entry as its blob arrives (memory: the requests in flight).
 */
export function openBlobStream<T>(
  git: GitOptions,
  onBlob: (object: BatchObject, tag: T) => void,
  options: StreamOptions<T> = {}
): BlobStream<T> {
  const { onMissing } = options;
  const tags = new TagQueue<T>();
  const reader = objectReader(
    options.maxBytes ?? MAX_BLOB_BYTES,
    (object) => {
      const tag = tags.shift();
      if (object.type !== 'missing' || !onMissing) onBlob(object, tag);
      else if (!options.check) onMissing(object.oid, tag); // with a checker, it already told
    },
    git,
    onMissing ? 'report' : 'fail'
  );
  // The checker answers in request order too; it keeps its own tags (only ids and tags, no bytes).
  const checked = new TagQueue<[string, T]>();
  const checker =
    options.check && onMissing
      ? objectChecker((present) => {
          const [oid, tag] = checked.shift();
          if (!present) onMissing(oid, tag);
        }, git)
      : undefined;
  return {
    request(oid, tag) {
      tags.push(tag);
      reader.request(oid);
      if (checker) {
        checked.push([oid, tag]);
        checker.request(oid);
      }
    },
    async done() {
      await Promise.all([reader.done(), checker?.done()]);
    }
  };
}
