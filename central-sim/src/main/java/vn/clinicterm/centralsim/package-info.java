/**
 * A runnable reference central service: a real HTTP(S) server on the JDK's {@code com.sun.net.httpserver} that speaks
 * the central API v1 and the BHXH gateway protocol over the synthetic insured people of {@link
 * vn.clinicterm.centralsim.InsuredPeople}, deduplicates writes by idempotency key, counts what it received, and
 * injects faults on demand ({@link vn.clinicterm.centralsim.FaultSpec}). For tests, the demo and benchmarks; never
 * bound to anything but loopback.
 */
package vn.clinicterm.centralsim;
