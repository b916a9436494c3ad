import { describe, expect, it } from 'vitest';
import { EmbedderUnavailable, createSemanticEmbedder, type EmbedTexts } from './embedder';

/** A stand-in model: a text's vector counts its letters a, b and c; every call is recorded. */
function standIn() {
  const calls: string[][] = [];
  const embed: EmbedTexts = async (texts) => {
    calls.push(texts);
    return texts.map((t) => [...'abc'].map((letter) => t.split(letter).length - 1));
  };
  return { calls, load: async () => embed };
}

describe('semantic embedder', () => {
  it('gives the cosine of the two texts and embeds each text once', async () => {
    const model = standIn();
    const embedder = createSemanticEmbedder({ load: model.load });
    expect(await embedder.similarity('aa', 'a')).toBeCloseTo(1, 6);
    expect(await embedder.similarity('a', 'b')).toBe(0);
    expect(model.calls).toEqual([['aa'], ['a'], ['b']]);
    expect(embedder.cacheSize).toBe(3);
  });

  it('averages the pieces of a long text at unit length', async () => {
    const model = standIn();
    const embedder = createSemanticEmbedder({ load: model.load });
    const long = `${'a '.repeat(200)}${'b '.repeat(200)}`;
    const vector = await embedder.embed(long);
    expect(model.calls[0]).toHaveLength(2);
    expect([...vector].map((x) => Math.round(x * 1000) / 1000)).toEqual([0.707, 0.707, 0]);
  });

  it('scores a blank text as no similarity without loading the model for it', async () => {
    const model = standIn();
    const embedder = createSemanticEmbedder({ load: model.load });
    expect(await embedder.similarity('   ', '\n')).toBe(0);
    expect(model.calls).toEqual([]);
  });

  it('keeps a bounded number of embeddings', async () => {
    const embedder = createSemanticEmbedder({ load: standIn().load, cacheEntries: 2 });
    for (const text of ['a', 'b', 'c', 'ab']) await embedder.embed(text);
    expect(embedder.cacheSize).toBe(2);
  });

  it('says the model is unavailable when it does not load, and does not try again on every call', async () => {
    let loads = 0;
    const embedder = createSemanticEmbedder({
      load: async () => {
        loads += 1;
        throw new Error('Cannot find module');
      },
    });
    await expect(embedder.similarity('a', 'b')).rejects.toBeInstanceOf(EmbedderUnavailable);
    await expect(embedder.similarity('c', 'd')).rejects.toThrow(/could not be loaded/);
    expect(loads).toBe(1);
  });
});
