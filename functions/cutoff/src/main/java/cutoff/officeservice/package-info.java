/**
 * The research offices' services: {@link cutoff.officeservice.Offices} (create an office, its keys, the staff list:
 * upload, list, export, remove) and {@link cutoff.officeservice.InternalDeadlines} (an office's own deadlines ahead of
 * the funders' cutoffs, and its feed). They sit above {@code cutoff.store}; the records they work on are in
 * {@code cutoff.office}, below the stores, which read them (hence two packages, as {@code subscription} over
 * {@code subscriber}).
 */
package cutoff.officeservice;
