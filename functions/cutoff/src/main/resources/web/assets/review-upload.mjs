/*
 * The upload page (/review): a notice file chosen (PDF, DOCX, DOC, HTML or text; at most 10 MiB, said before
 * anything is sent), an optional year, sent with the signed-in key; the draft then opens at /review/{draftId}. A file
 * of up to 4 MiB (DIRECT_BODY_BYTES) goes as the body of POST /notices; a larger one straight to storage: POST
 * /notices/uploads for a presigned URL, the PUT (its progress in #review-upload-progress), then POST
 * /notices/uploads/{uploadId} reads it (a service without storage, 501, gets the body instead). A refusal (413, 415,
 * 422, 400 for the year, 401/403 for the key, the storage's own) is said in words naming the field, and nothing
 * chosen or typed is lost.
 */
import { call, putFile } from './review-api.mjs';
import { noticeFileFault, percent, problem, putHeaders, sizeText, uploadRoute, yearOk } from './review-text.mjs';
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
    const query = y ? '?year=' + encodeURIComponent(y) : '';
    const sent = uploadRoute(f.size) === 'storage' ? throughStorage(f, query, t) : call('POST', '/notices' + query, f);
    sent.then(function (r) {
      button.disabled = false;
      progress(null);
      if (r.storage !== undefined) {
        input.setAttribute('aria-invalid', 'true');
        say('review-upload-status', t('review_put_refused', r.storage ? 'HTTP ' + r.storage : t('review_err_network')), 'error');
        input.focus();
        return;
      }
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

/** The progress bar: a whole percent shown (and said by its label), or null to hide it. */
function progress(value) {
  const bar = $('review-upload-progress');
  if (!bar) {
    return;
  }
  bar.hidden = value === null;
  bar.value = value === null ? 0 : value;
}

/**
 * A file sent through storage: the presigned URL, the PUT (progress shown), then the draft made of it. Resolves the
 * answer the page shows as POST /notices's: the draft (201) or a refusal; a PUT the storage refused is {storage: its
 * status, 0 for none (the network, or its CORS rule)}.
 */
function throughStorage(f, query, t) {
  return call('POST', '/notices/uploads', { bytes: f.size, fileName: f.name }).then(function (offer) {
    if (offer.status === 501) {
      return call('POST', '/notices' + query, f);
    }
    if (offer.status !== 201 || !offer.data || typeof offer.data.url !== 'string' || typeof offer.data.uploadId !== 'string') {
      return offer;
    }
    progress(0);
    return putFile(offer.data.url, putHeaders(offer.data.headers), f, function (loaded, total) {
      const p = percent(loaded, total);
      progress(p);
      say('review-upload-status', t('review_sending_progress', f.name, p));
    }).then(function (put) {
      progress(null);
      if (put.status < 200 || put.status > 299) {
        return { status: null, storage: put.status };
      }
      say('review-upload-status', t('review_reading_file', f.name));
      return call('POST', '/notices/uploads/' + encodeURIComponent(offer.data.uploadId) + query);
    });
  });
}
