/**
 * Notices in through the service (issue 19): a notice file uploaded by a research office ({@code POST /notices})
 * read into a draft ({@code cutoff.draft}) for review. It reads the file ({@code cutoff.document}: PDF, DOCX, DOC,
 * HTML, text) and the notice ({@code cutoff.notice}), and keeps the draft ({@code cutoff.store.DraftStore}).
 *
 * <p>Only the notice-upload function ({@code handler.NoticeUploadHandler}) reaches it: the document libraries come
 * with that function's layer alone (template.yaml's {@code DocumentLibrariesLayer}), so no other function's class
 * path or cold start carries them ({@code PackageGraphTest} holds this).
 */
package cutoff.upload;
