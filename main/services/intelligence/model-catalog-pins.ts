// Pinned revisions, sizes and sha256 digests for the model catalog, written by
// `npx tsx scripts/pin-model-catalog.ts` (run online by a release engineer; see docs/models.md).
// Empty until pinned: this file is never filled in by hand, because a made-up digest would turn
// every download into a checksum failure. Unpinned files are checked against the sha256 the server
// declares (model-download.ts).
export interface PinnedFile {
  bytes: number;
  sha256: string;
}

export interface CatalogPin {
  /** The repository commit the files were pinned at; downloads fetch exactly that revision. */
  revision: string;
  pinnedAt: string;
  files: Record<string, PinnedFile>;
}

export const CATALOG_PINS: Record<string, CatalogPin> = {};
