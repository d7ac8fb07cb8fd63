import { describe, expect, test } from 'vitest';
import { criterionFromForm, MAX_FORM_BYTES, readForm } from '../src/lib/selection-actions';

describe('criterionFromForm', () => {
  const cases: Array<{ form: string; criterion: unknown }> = [
    { form: 'kind=species&word=yellow', criterion: { kind: 'species', word: 'yellow' } },
    { form: 'kind=species&word=%20Yellow%20%20Warbler', criterion: { kind: 'species', word: 'yellow warbler' } },
    { form: 'kind=year', criterion: { kind: 'year' } },
    { form: 'kind=month&word=ignored', criterion: { kind: 'month' } },
    { form: 'criterion=species:owl', criterion: { kind: 'species', word: 'owl' } },
    { form: 'criterion=month', criterion: { kind: 'month' } },
    { form: 'kind=species', criterion: null },
    { form: 'kind=species&word=%25', criterion: null },
    { form: 'kind=colour', criterion: null },
    { form: '', criterion: null },
  ];
  for (const { form, criterion } of cases) {
    test(form || '(empty)', () => expect(criterionFromForm(new URLSearchParams(form))).toEqual(criterion));
  }
});

describe('readForm', () => {
  const post = (body: BodyInit | null, headers: Record<string, string>) => new Request('http://site.test/selection', { method: 'POST', body, headers });

  test('reads a urlencoded form', async () => {
    const form = await readForm(post('species=yellow&month=4', { 'content-type': 'application/x-www-form-urlencoded' }));
    expect(form).toBeInstanceOf(FormData);
    expect((form as FormData).get('species')).toBe('yellow');
  });

  test('refuses another content type (415)', async () => {
    const answer = await readForm(post('{"species":"x"}', { 'content-type': 'application/json' }));
    expect((answer as Response).status).toBe(415);
  });

  test('refuses a body over the limit (413), announced or not', async () => {
    const big = `species=${'a'.repeat(MAX_FORM_BYTES)}`;
    const announced = await readForm(post(big, { 'content-type': 'application/x-www-form-urlencoded' }));
    expect((announced as Response).status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const chunked = await readForm(
      new Request('http://site.test/selection', {
        method: 'POST',
        body: stream,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        duplex: 'half',
      } as RequestInit),
    );
    expect((chunked as Response).status).toBe(413);
  });
});
