import { describe, expect, it } from 'vitest';
import { changesDataCollection, FIREFOX_DATA_COLLECTION_PERMISSIONS, hasDataCollectionConsent, maySyncSend, SYNC_DATA_COLLECTION } from './firefox-data-collection';

describe('Firefox data-collection consent', () => {
  it('requires nothing and offers exactly what sync sends', () => {
    expect(FIREFOX_DATA_COLLECTION_PERMISSIONS).toEqual({
      required: ['none'],
      optional: ['personallyIdentifyingInfo', 'authenticationInfo', 'browsingActivity', 'websiteContent', 'websiteActivity'],
    });
  });

  it('finds the consent system by the data_collection list permissions.getAll() answers with, not by the browser', () => {
    expect(hasDataCollectionConsent({ data_collection: [] })).toBe(true);
    expect(hasDataCollectionConsent({})).toBe(false);
    expect(hasDataCollectionConsent({ data_collection: 'websiteContent' })).toBe(false);
  });

  it('lets sync send where there is no consent system, else only with every category granted', () => {
    expect(maySyncSend({})).toBe(true);
    expect(maySyncSend({ data_collection: [...SYNC_DATA_COLLECTION] })).toBe(true);
    expect(maySyncSend({ data_collection: [...SYNC_DATA_COLLECTION, 'technicalAndInteraction'] })).toBe(true);
    expect(maySyncSend({ data_collection: [] })).toBe(false);
    expect(maySyncSend({ data_collection: SYNC_DATA_COLLECTION.filter((category) => category !== 'authenticationInfo') })).toBe(false);
  });

  it('tells data-collection changes from host and API permission changes', () => {
    expect(changesDataCollection({ data_collection: ['websiteContent'] })).toBe(true);
    expect(changesDataCollection({ data_collection: [] })).toBe(false);
    expect(changesDataCollection({})).toBe(false);
  });
});
