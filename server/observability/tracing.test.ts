import { describe, expect, it } from 'vitest';
import { describeProblem } from './tracing';

describe('describeProblem', () => {
  it('keeps the name, message and code of a serialized error, not its stack', () => {
    const serialized = JSON.stringify({ stack: 'OTLPExporterError: Bad Request\n    at IncomingMessage.<anonymous> (/app/x.js:1:1)', message: 'Bad Request', name: 'OTLPExporterError', code: 400, data: '{"message":"refused"}' });
    expect(describeProblem(serialized)).toBe('OTLPExporterError Bad Request (400)');
  });

  it('keeps a plain message as it is, shortened', () => {
    expect(describeProblem('Dropped 3 events because eventCountLimit reached')).toBe('Dropped 3 events because eventCountLimit reached');
    expect(describeProblem('x'.repeat(1000))).toHaveLength(300);
  });
});
