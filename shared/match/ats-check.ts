/**
 * The ATS check: what an applicant-tracking parser gets from a resume file,
 * item by item, each passing, warning or failing with how to fix it, or
 * "not-checked" when the reader did not report what the item needs.
 * Deterministic: the same input always gives the same report; `checkVersion`
 * changes whenever an item, a threshold or the verb list does; keyword
 * coverage also depends on the matching engine's taxonomy version.
 */
import { checkColumnsAndTables, checkFileTypeAndSize, checkImagesOfText, checkLength, checkTextLayer, checkUnmappedCharacters } from './ats-check-file';
import { bulletsOf, checkActionVerbs, checkBulletLength, checkBulletNumbers, checkContact, checkDatedExperience, checkHeadings, checkReadingOrder } from './ats-check-content';
import { checkKeywordCoverage } from './ats-check-keywords';
import type { AtsCheckInput, AtsReport, AtsStatus } from './ats-check-types';
import { taxonomy } from './taxonomy';

export type { AtsCheckInput, AtsItem, AtsItemId, AtsLayoutFacts, AtsReport, AtsStatus } from './ats-check-types';

export const CHECK_VERSION = 1;

export function checkAts(input: AtsCheckInput): AtsReport {
  const text = typeof input.text === 'string' ? input.text : '';
  const safe = { ...input, text };
  const bullets = bulletsOf(input.resume);
  const items = [
    checkTextLayer(safe),
    checkReadingOrder(input.resume),
    checkColumnsAndTables(safe),
    checkUnmappedCharacters(safe),
    checkImagesOfText(safe),
    checkContact(input.resume),
    checkHeadings(text, input.resume),
    checkDatedExperience(input.resume),
    checkBulletLength(bullets),
    checkBulletNumbers(bullets),
    checkActionVerbs(bullets),
    checkLength(safe),
    checkFileTypeAndSize(safe),
    checkKeywordCoverage(text, input.resume.skills, input.job),
  ];
  const counts: Record<AtsStatus, number> = { pass: 0, warn: 0, fail: 0, 'not-checked': 0 };
  for (const i of items) counts[i.status] += 1;
  return input.job ? { checkVersion: CHECK_VERSION, taxonomyVersion: taxonomy().version, items, counts } : { checkVersion: CHECK_VERSION, items, counts };
}
