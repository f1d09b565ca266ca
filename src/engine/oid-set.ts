/**
 * A set of object ids kept as binary words in one typed array (open addressing, linear probing):
 * about 40 bytes per SHA-1 id at worst, where a Set of hex strings costs over 100. A history walk
 * remembers every blob it has asked for; this keeps that memory a small, flat fraction of the run.
 */
export class OidSet {
  private words = 0;
  private slots: Uint32Array = new Uint32Array(0);
  private capacity = 0;
  private used = 0;

  get size(): number {
    return this.used;
  }

  /** Add `oid` (lower-case hex, 40 or 64 digits); false when it was already there. */
  add(oid: string): boolean {
    return this.find(oid, true);
  }

  has(oid: string): boolean {
    return this.find(oid, false);
  }

  /** With `insert`: true when added. Without: true when present. */
  private find(oid: string, insert: boolean): boolean {
    if (this.words === 0) {
      this.words = oid.length >> 3;
      this.grow(1024);
    }
    if (insert && (this.used + 1) * 2 > this.capacity) this.grow(this.capacity * 2);
    const words = this.words;
    const key = new Uint32Array(words);
    for (let i = 0; i < words; i++) key[i] = Number.parseInt(oid.slice(i * 8, i * 8 + 8), 16) >>> 0;
    // A slot is empty while its flag word (after the id's words) is zero.
    const mask = this.capacity - 1;
    for (let slot = key[0]! & mask; ; slot = (slot + 1) & mask) {
      const base = slot * (words + 1);
      if (this.slots[base + words] === 0) {
        if (!insert) return false;
        this.slots.set(key, base);
        this.slots[base + words] = 1;
        this.used++;
        return true;
      }
      let same = true;
      for (let i = 0; i < words && same; i++) same = this.slots[base + i] === key[i];
      if (same) return !insert;
    }
  }

  private grow(capacity: number): void {
    const old = this.slots;
    const oldCapacity = this.capacity;
    const stride = this.words + 1;
    this.slots = new Uint32Array(capacity * stride);
    this.capacity = capacity;
    const mask = capacity - 1;
    for (let slot = 0; slot < oldCapacity; slot++) {
      const base = slot * stride;
      if (old[base + this.words] === 0) continue;
      let target = old[base]! & mask;
      while (this.slots[target * stride + this.words] !== 0) target = (target + 1) & mask;
      this.slots.set(old.subarray(base, base + stride), target * stride);
    }
  }
}
