/**
 * The newest revision generation of each document this replication has
 * pushed or pulled. A pull answer delayed on the network can carry a version
 * older than one the device already has (tests/chaos found it): RxDB would
 * put it back, and only the next change of that document would correct it.
 * Such versions are left out. Revisions are linear here (every write names
 * the revision it replaces), so a lower generation is an older version.
 *
 * This device's own writes coming back are still pulled: RxDB applies pull
 * answers after a delay, so an older version it already queued can land
 * after a push, and the echo of that push is what puts the newer one back.
 */

/** Bounds memory for very large databases; the oldest entries are forgotten first (they are then pulled as usual). */
const MAX_DOCS = 50_000;


export function revisionGeneration(rev: string): number {
  return Number.parseInt(rev, 10);
}

export class KnownRevisions {
  private readonly known = new Map<string, { generation: number; rev: string; own: boolean }>();

  /** Remembers a revision the server holds; false when it is older than one already seen. */
  see(id: string, rev: string): boolean {
    const generation = revisionGeneration(rev);
    const known = this.known.get(id);
    if (known !== undefined && generation < known.generation) return false;
    if (known?.rev !== rev) this.set(id, { generation, rev, own: false });
    return true;
  }

  /** A revision this device's push created. */
  pushed(id: string, rev: string): void {
    this.set(id, { generation: revisionGeneration(rev), rev, own: true });
  }

  /** Whether this revision is one this device's push created. */
  isOwn(id: string, rev: string): boolean {
    const known = this.known.get(id);
    return known !== undefined && known.own && known.rev === rev;
  }

  private set(id: string, known: { generation: number; rev: string; own: boolean }): void {
    this.known.delete(id);
    this.known.set(id, known);
    if (this.known.size > MAX_DOCS) this.known.delete(this.known.keys().next().value as string);
  }
}
