import { describe, expect, it } from 'vitest';
import { ocrProgressRouter } from './ocr-progress';

describe('ocrProgressRouter', () => {
  it('forwards recognition progress to the page being recognised, and nothing between pages', async () => {
    const router = ocrProgressRouter();
    const heard: number[] = [];
    await router.during(
      (f) => heard.push(f),
      async () => {
        router.logger({ status: 'loading language traineddata', progress: 0.5 });
        router.logger({ status: 'recognizing text', progress: 0.25 });
        router.logger({ status: 'recognizing text', progress: 1.2 });
      },
    );
    router.logger({ status: 'recognizing text', progress: 0.9 });
    expect(heard).toEqual([0.25, 1]);
  });
});
