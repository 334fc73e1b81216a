/**
 * How the trust store works: {@code Input} recognises and splits files, {@code MasterListVerifier} checks a CMS master
 * list, {@code Importer} applies one import per-file transactionally to a copy of {@code StoreState}, and
 * {@code StoreFile} writes it with a checksum through a synced temporary file and an atomic rename. BouncyCastle is
 * used through a private provider instance ({@code Bc}), never the JVM-wide provider list.
 */
package vn.clinicterm.card.trust.internal;
