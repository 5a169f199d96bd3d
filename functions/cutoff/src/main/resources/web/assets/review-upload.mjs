/*
 * The upload page (/review): a notice file chosen (PDF, DOCX, DOC, HTML or text; at most 10 MiB, said before
 * anything is sent), an optional year, sent as the body of POST /notices with the signed-in key; the draft then opens
 * at /review/{draftId}. A refusal (413, 415, 422, 400 for the year, 401/403 for the key) is said in words naming the
 * field, and nothing chosen or typed is lost.
 */
import { call } from './review-api.mjs';
import { noticeFileFault, problem, sizeText, yearOk } from './review-text.mjs';
import { $, say } from './office-page.mjs';

/** Wires the upload form (page: the page's words and helpers, from review.mjs). */
export function initUpload(page) {
  const t = page.t;
  const form = $('review-upload');
  const input = $('review-file');
  const year = $('review-year');

  input.addEventListener('change', function () {
    const f = input.files && input.files[0];
    $('review-file-name').textContent = f ? t('review_file_chosen', f.name, sizeText(f.size, t)) : '';
    input.removeAttribute('aria-invalid');
    say('review-upload-status', '');
    if (f && noticeFileFault(f) === 'too_large') {
      input.setAttribute('aria-invalid', 'true');
      say('review-upload-status', t('review_file_too_large', f.name, sizeText(f.size, t)), 'error');
    }
  });

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    const f = input.files && input.files[0];
    const fault = f ? noticeFileFault(f) : 'none';
    if (fault) {
      input.setAttribute('aria-invalid', 'true');
      say('review-upload-status', fault === 'too_large' ? t('review_file_too_large', f.name, sizeText(f.size, t))
        : fault === 'empty' ? t('review_file_empty', f.name) : t('review_file_none'), 'error');
      input.focus();
      return;
    }
    const y = year.value.trim();
    if (!yearOk(y)) {
      year.setAttribute('aria-invalid', 'true');
      say('review-upload-status', t('review_year_invalid'), 'error');
      year.focus();
      return;
    }
    year.removeAttribute('aria-invalid');
    input.removeAttribute('aria-invalid');
    const button = $('review-upload-button');
    button.disabled = true;
    say('review-upload-status', t('review_uploading', f.name));
    call('POST', '/notices' + (y ? '?year=' + encodeURIComponent(y) : ''), f).then(function (r) {
      button.disabled = false;
      if (r.status === 201 && r.data && typeof r.data.draftId === 'string') {
        say('review-upload-status', t('review_uploaded'), 'ok');
        window.location.assign('/review/' + encodeURIComponent(r.data.draftId) + '?lang=' + page.lang);
        return;
      }
      if (r.status === 401 || r.status === 403) {
        page.expired();
        return;
      }
      const bad = r.data && r.data.field === 'year' ? year : input;
      bad.setAttribute('aria-invalid', 'true');
      say('review-upload-status', problem(r, 'upload', t), 'error');
      bad.focus();
    });
  });
}
