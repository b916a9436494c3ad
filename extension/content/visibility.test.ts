// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createIsVisible } from './visibility';

describe('createIsVisible', () => {
  it('uses checkVisibility with opacity and visibility checks when the browser has it', () => {
    const element = document.createElement('div');
    let options: unknown;
    (element as unknown as { checkVisibility: (o: unknown) => boolean }).checkVisibility = (o) => {
      options = o;
      return false;
    };
    expect(createIsVisible(window)(element)).toBe(false);
    expect(options).toEqual({ checkOpacity: true, checkVisibilityCSS: true });
  });

  it('falls back to computed styles of the element and its ancestors', () => {
    document.body.innerHTML = `
      <div id="shown"><p id="a">a</p></div>
      <div style="display: none"><p id="b">b</p></div>
      <div style="opacity: 0"><p id="c">c</p></div>
      <p id="d" style="visibility: hidden">d</p>`;
    const isVisible = createIsVisible(window);
    const withoutCheck = (id: string) => {
      const element = document.getElementById(id)!;
      Object.defineProperty(element, 'checkVisibility', { value: undefined });
      return isVisible(element);
    };
    expect(withoutCheck('a')).toBe(true);
    expect(withoutCheck('b')).toBe(false);
    expect(withoutCheck('c')).toBe(false);
    expect(withoutCheck('d')).toBe(false);
  });
});
