import { describe, expect, it } from 'vitest';
import { redactQuery, redactSpan, redactUrl, type RedactableSpan } from './trace-redaction';

function span(fields: Partial<Omit<RedactableSpan, 'updateName'>>): RedactableSpan & { name: string } {
  const value = {
    name: 'GET',
    kind: 1,
    attributes: {},
    events: [],
    status: { code: 0 },
    ...fields,
    updateName(name: string) {
      value.name = name;
    },
  };
  return value;
}

describe('trace redaction', () => {
  it('keeps query parameter names and drops their values', () => {
    expect(redactQuery('code=4/0AX-secret&state=abc&flag')).toBe('code=REDACTED&state=REDACTED&flag');
    expect(redactQuery('')).toBe('');
  });

  it('takes credentials, query values and the fragment out of URLs and paths', () => {
    expect(redactUrl('http://admin:hunter2@couch:5984/db/_changes?since=12-abc&feed=longpoll#x')).toBe('http://couch:5984/db/_changes?since=REDACTED&feed=REDACTED');
    expect(redactUrl('/api/mail/weekly-summary/unsubscribe?u=someone%40example.com&s=sig')).toBe('/api/mail/weekly-summary/unsubscribe?u=REDACTED&s=REDACTED');
    expect(redactUrl('https://ml.example.com/ml/match')).toBe('https://ml.example.com/ml/match');
  });

  it('keeps the peer of a call the server makes, not of a request it answers', () => {
    const outgoing = span({ kind: 2, attributes: { 'network.peer.address': '10.0.0.5', 'server.address': 'couch' } });
    redactSpan(outgoing);
    expect(outgoing.attributes).toEqual({ 'network.peer.address': '10.0.0.5', 'server.address': 'couch' });
  });

  it('redacts URL attributes, drops headers and bodies, and keeps only the type and frames of an exception', () => {
    const ended = span({
      name: 'GET /api/auth/google/callback?code=abc',
      attributes: {
        'url.full': 'http://u:p@host/x?token=t',
        'url.query': 'code=c&state=s',
        'url.path': '/api/auth/google/callback',
        'http.request.header.authorization': ['Bearer x'],
        'http.response.status_code': 400,
        'client.address': '203.0.113.9',
        'network.peer.address': '203.0.113.9',
        'network.peer.port': 50123,
      },
      events: [
        { name: 'exception', attributes: { 'exception.type': 'SyntaxError', 'exception.message': 'Unexpected token in {"password":"p', 'exception.stacktrace': 'SyntaxError: Unexpected token in {"password":"p\n    at JSON.parse (<anonymous>)\n    at parse (body-parser.js:1:1)' } },
        { name: 'note', attributes: { detail: 'anything' } },
      ],
      status: { code: 2, message: 'Unexpected token in {"password":"p' },
    });
    redactSpan(ended);
    expect(ended.name).toBe('GET /api/auth/google/callback?code=REDACTED');
    expect(ended.attributes).toEqual({ 'url.full': 'http://host/x?token=REDACTED', 'url.query': 'code=REDACTED&state=REDACTED', 'url.path': '/api/auth/google/callback', 'http.response.status_code': 400 });
    expect(ended.events).toEqual([
      { name: 'exception', attributes: { 'exception.type': 'SyntaxError', 'exception.stacktrace': '    at JSON.parse (<anonymous>)\n    at parse (body-parser.js:1:1)' } },
      { name: 'note', attributes: {} },
    ]);
    expect(ended.status).toEqual({ code: 2 });
  });
});
