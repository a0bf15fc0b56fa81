package io.skyport.compute.nocloud;

import java.time.Instant;

import io.skyport.compute.InstanceId;

/**
 * The first phone-home of an instance's live seed token, inside compute: the instances part records the guest's
 * addresses and marks the instance configured, then publishes the module's
 * {@link io.skyport.compute.InstanceConfigFetched}.
 *
 * @param sourceAddress the client address of the phone-home request, as {@code platform.web.ClientAddresses} resolved
 * it (behind a trusted proxy: from {@code X-Forwarded-For}).
 */
public record GuestPhonedHome(InstanceId instanceId, String sourceAddress, Instant at) {
}
