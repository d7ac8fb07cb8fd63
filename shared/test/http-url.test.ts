import { describe, expect, test } from 'vitest';
import { parseHttpUrl } from '../src/index.js';

describe('parseHttpUrl', () => {
  const accepted = [
    { input: 'http://127.0.0.1:1337', output: 'http://127.0.0.1:1337/' },
    { input: 'https://birds.example.org/plumage/', output: 'https://birds.example.org/plumage/' },
  ];
  for (const { input, output } of accepted) test(`accepts ${input}`, () => expect(parseHttpUrl(input, 'X').href).toBe(output));

  const refused = [
    { input: 'birds.example.org', message: 'PUBLIC_URL is not a URL: "birds.example.org"' },
    { input: '', message: 'PUBLIC_URL is not a URL: ""' },
    { input: 'ftp://birds.example.org', message: 'PUBLIC_URL must be an http or https URL: ftp://birds.example.org' },
    { input: 'file:///etc/passwd', message: 'PUBLIC_URL must be an http or https URL: file:///etc/passwd' },
  ];
  for (const { input, message } of refused) test(`refuses ${JSON.stringify(input)}`, () => expect(() => parseHttpUrl(input, 'PUBLIC_URL')).toThrow(message));
});
