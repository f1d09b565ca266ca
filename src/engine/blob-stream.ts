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
  /**
   * Ask for one blob; it reaches `onBlob` with `tag`, in request order. False once more than the
   * high-water mark wait (the caller should pause its producer until `onDrain`), like stream.write.
   */
  request(oid: string, tag: T): boolean;
  /**
   * No more requests: resolves once every blob has been handed over (MissingObjectError if one was missing).
   */
  done(): Promise<void>;
}

export interface StreamOptions<T> {
  /** A missing object goes here instead of to `onBlob` (without it, done() fails with MissingObjectError). */
  onMissing?: (oid: string, tag: T) => void;
  /** Called when the requests in flight fall to half the high-water mark after request() said false. */
  onDrain?: () => void;
  /** Requests in flight before request() says false: what bounds memory when ids come faster than blobs. */
  highWater?: number;
  maxBytes?: number;
}

/** The tags of requests in flight, oldest first; entries are dropped as their answers arrive. */
class TagQueue<T> {
  private tags: Array<T | undefined> = [];
  private head = 0;
  push(tag: T): void {
    this.tags.push(tag);
  }
  get size(): number {
    return this.tags.length - this.head;
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
  const { onMissing, onDrain } = options;
  const highWater = options.highWater ?? Number.POSITIVE_INFINITY;
  let full = false;
  const tags = new TagQueue<T>();
  const reader = objectReader(
    options.maxBytes ?? MAX_BLOB_BYTES,
    (object) => {
      const tag = tags.shift();
      if (object.type === 'missing' && onMissing) onMissing(object.oid, tag);
      else onBlob(object, tag);
      if (full && tags.size <= highWater / 2) {
        full = false;
        onDrain?.();
      }
    },
    git,
    onMissing ? 'report' : 'fail'
  );
  return {
    request(oid, tag) {
      tags.push(tag);
      reader.request(oid);
      if (tags.size > highWater) full = true;
      return !full;
    },
    done: () => reader.done()
  };
}
