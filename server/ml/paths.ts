/**
 * The ML routes' paths, one per kind of answer: under /api/ml on the server
 * (signed-in clients) and under /ml on an ML service (the seed's contract),
 * with the same bodies and answers in both places.
 */
export const ML_PATHS = {
  match: '/match',
  ats: '/ats',
  interview: '/interview',
  recommend: '/recommend',
  feedback: '/resume/feedback',
} as const;

/** Where an ML service serves them. */
export const ML_SERVICE_PREFIX = '/ml';
