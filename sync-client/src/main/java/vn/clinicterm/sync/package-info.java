/**
 * Talking to the outside world about insurance and visits: the {@link vn.clinicterm.sync.EligibilityProvider}
 * (central service or the BHXH gateway, chosen by {@link vn.clinicterm.sync.SyncConfig}), the
 * {@link vn.clinicterm.sync.CentralClient} for writes, and the {@link vn.clinicterm.sync.SyncWorker} that drains a
 * durable {@link vn.clinicterm.sync.Outbox} through any outage (its rounds scheduled by a
 * {@link vn.clinicterm.sync.RoundScheduler}, which the terminal's check-in worker shares).
 *
 * <p>The network is assumed to fail in every way: the server may have accepted a request whose response was lost, so
 * every write carries an {@code Idempotency-Key} created once per outbox entry and reused on every retry. Outcomes are
 * values ({@link vn.clinicterm.sync.EligibilityResult}, {@link vn.clinicterm.sync.SyncOutcome}); exceptions are
 * reserved for misconfiguration. No message produced by this package contains personal data. Implementations live
 * in {@code vn.clinicterm.sync.internal}, which is not API.
 */
package vn.clinicterm.sync;
