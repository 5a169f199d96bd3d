/**
 * Records: editors, the people who may publish public notices through the service (issue 19), and their keys.
 * Made by {@code cutoff.upload.Editors} ({@code ./cutoff editor}), kept by {@code cutoff.store.EditorStore}.
 */
package cutoff.editor;
