import type { Active, Over } from '@dnd-kit/core';
import { describe, expect, it } from 'vitest';
import { manualJob } from '../../../shared/jobs/edit';
import { boardAnnouncements, movedMessage, type CardData } from './announcements';

const job = manualJob({ title: 'Designer', company: 'Globex', url: 'https://globex.example/jobs/1', status: 'applied' }, '2026-11-20T10:00:00.000Z');
const card: CardData = { job, status: 'applied' };
const active = { id: job.id, data: { current: card }, rect: { current: { initial: null, translated: null } } } as unknown as Active;
const over = (id: string) => ({ id, data: { current: undefined }, rect: {}, disabled: false }) as unknown as Over;

describe('board announcements', () => {
  it('name the application and the columns at each step of a drag', () => {
    const say = boardAnnouncements();
    expect(say.onDragStart({ active })).toBe('Picked up Designer at Globex, in Applied.');
    // Over its own column right after pick-up: not news, and would talk over "Picked up".
    expect(say.onDragOver({ active, over: over('applied') })).toBeUndefined();
    expect(say.onDragOver({ active, over: over('interview') })).toBe('Designer at Globex is over Interview.');
    expect(say.onDragOver({ active, over: over('applied') })).toBe('Designer at Globex is over Applied.');
    expect(say.onDragOver({ active, over: null })).toBe('Designer at Globex is not over a column.');
    expect(say.onDragEnd({ active, over: over('offer') })).toBe('Designer at Globex moved from Applied to Offer.');
    expect(say.onDragEnd({ active, over: over('applied') })).toBe('Designer at Globex dropped; it stays in Applied.');
    expect(say.onDragCancel({ active, over: null })).toBe('Move cancelled; Designer at Globex stays in Applied.');
  });

  it('describes a move made from the menu the same way', () => {
    expect(movedMessage({ ...job, company: '' }, 'applied', 'rejected')).toBe('Designer moved from Applied to Rejected.');
  });
});
