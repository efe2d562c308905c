/**
 * The values dockerd reads from strings, parsed in one place with dockerd's wording: ports, MAC and IP addresses,
 * CIDRs, durations, sizes, signal names, restart policies, bind and mount specs, device specs and ulimits. Each
 * refusal is an {@link io.wharf.api.errors.InvalidArgumentException}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.wharf.api.value;
