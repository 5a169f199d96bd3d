/**
 * The research offices' records and rules that need no store: {@link cutoff.office.Office}, its keys and ids
 * ({@link cutoff.office.OfficeKeys}), a staff member and the staff CSV, follow rules, internal-deadline rules, public
 * mail domains. The services that read and write them through the stores are in {@code cutoff.officeservice}: the
 * two cannot be one package, because {@code cutoff.store} reads these records and the services use the stores (one
 * package would make a cycle {@code store} ↔ {@code office}; {@code PackageGraphTest} holds the layers).
 */
package cutoff.office;
