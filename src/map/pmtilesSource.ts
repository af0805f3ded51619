/**
 * A PMTiles v3 archive from disk (a File, or the kept copy in the origin-private file system) read
 * by ranges through the `pmtiles` package: the header, directories and each tile are sliced from
 * the Blob (blob.slice), so a multi-GB archive is never read whole. Its tiles reach MapLibre through
 * the `tilearchive://` protocol (archiveProtocol.ts, loaded with the map).
 */
import { Compression, PMTiles, TileType, type Header, type Source } from 'pmtiles';
import { archiveSchema, type ArchiveSchema } from './archiveStyle';

/** A Source over a Blob: every read is a slice. */
export class BlobSource implements Source {
  constructor(
    private readonly blob: Blob,
    private readonly key: string,
  ) {}
  getKey(): string {
    return this.key;
  }
  async getBytes(offset: number, length: number): Promise<{ data: ArrayBuffer }> {
    return { data: await this.blob.slice(offset, offset + length).arrayBuffer() };
  }
}

export type ArchiveFormat = 'mvt' | 'png' | 'jpeg' | 'webp';
const FORMATS: Partial<Record<TileType, ArchiveFormat>> = { [TileType.Mvt]: 'mvt', [TileType.Png]: 'png', [TileType.Jpeg]: 'jpeg', [TileType.Webp]: 'webp' };

export interface OpenedArchive {
  /** A number of this page's: a new archive is a new source (no tile of the old one is reused). */
  id: number;
  name: string;
  bytes: number;
  archive: PMTiles;
  header: Header;
  format: ArchiveFormat;
  /** For vector archives: the schema its layers follow (archiveStyle.ts), and the layers' ids. */
  schema: ArchiveSchema | null;
  vectorLayers: string[];
  attribution: string;
}

/** Why a file is not an archive this app can draw: said to the user, naming the file. */
export class ArchiveProblem extends Error {}

let lastId = 0;

/** Reads the header and metadata of `blob` (a few kB); throws an ArchiveProblem saying what is wrong. */
export async function openArchive(blob: Blob, name: string): Promise<OpenedArchive> {
  const id = ++lastId;
  return openArchiveFrom(new BlobSource(blob, `archive-${id}`), name, blob.size, id);
}

/**
 * As {@link openArchive}, from any range source: a deployer's archive served beside the embed is
 * read by HTTP range requests (pmtiles' FetchSource), never whole.
 * @param bytes the archive's size when known (0: unknown)
 */
export async function openArchiveFrom(source: Source, name: string, bytes: number, id = ++lastId): Promise<OpenedArchive> {
  let start: Uint8Array;
  try {
    start = new Uint8Array((await source.getBytes(0, 8)).data);
  } catch (e) {
    throw new ArchiveProblem(`${name}: the archive could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
  const magic = new TextDecoder().decode(start.subarray(0, 7));
  if (magic !== 'PMTiles') throw new ArchiveProblem(`${name}: not a PMTiles archive (it does not start with "PMTiles")`);
  const version = start[7];
  if (version !== 3) throw new ArchiveProblem(`${name}: PMTiles version ${version}; only version 3 is read (convert with "pmtiles convert")`);
  const archive = new PMTiles(source);
  let header: Header;
  let metadata: Record<string, unknown>;
  try {
    header = await archive.getHeader();
    metadata = ((await archive.getMetadata()) ?? {}) as Record<string, unknown>;
  } catch (e) {
    throw new ArchiveProblem(`${name}: the archive could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
  const format = FORMATS[header.tileType];
  if (!format) throw new ArchiveProblem(`${name}: tile type ${TileType[header.tileType] ?? header.tileType} is not drawn (vector MVT, or PNG / JPEG / WebP)`);
  for (const [what, c] of [
    ['directories', header.internalCompression],
    ['tiles', header.tileCompression],
  ] as const)
    if (c !== Compression.None && c !== Compression.Gzip && c !== Compression.Unknown)
      throw new ArchiveProblem(`${name}: its ${what} are ${Compression[c]}-compressed; the browser reads gzip or none (recompress with "pmtiles convert")`);
  const vectorLayers = Array.isArray(metadata.vector_layers) ? metadata.vector_layers.map((l: { id?: unknown }) => String(l?.id ?? '')).filter(Boolean) : [];
  if (format === 'mvt' && vectorLayers.length === 0) throw new ArchiveProblem(`${name}: a vector archive without "vector_layers" in its metadata: its layers are unknown`);
  return {
    id,
    name,
    bytes,
    archive,
    header,
    format,
    schema: format === 'mvt' ? archiveSchema(vectorLayers) : null,
    vectorLayers,
    attribution: typeof metadata.attribution === 'string' ? metadata.attribution : '',
  };
}
