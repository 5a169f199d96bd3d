/**
 * Records: a notice draft, a notice file read and kept for review before it is published (issue 19). It is in no
 * feed, on no public page and in no email. Made by {@code cutoff.upload}, kept by {@code cutoff.store.DraftStore}.
 */
package cutoff.draft;
