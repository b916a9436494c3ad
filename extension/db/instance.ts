import { openDatabase, type TrackruitDatabase } from './database';

let opening: Promise<TrackruitDatabase> | undefined;

/**
 * One database per JavaScript realm (background, popup, dashboard): RxDB
 * refuses a second instance of the same name in one realm.
 */
export function getDatabase(): Promise<TrackruitDatabase> {
  opening ??= openDatabase().catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening;
}
