package org.opencem.core.channel;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencem.api.channel.ChannelHealth;

/**
 * A channel instance as the API shows it: secrets are never included, only whether they are set.
 *
 * @param id instance id
 * @param type channel type id
 * @param name admin-given name
 * @param enabled whether it should run
 * @param status running, stopped, failed, or unavailable (no running plugin provides its type)
 * @param error why it is failed or unavailable
 * @param health the running instance's own health
 * @param config non-secret configuration values
 * @param secretsSet names of secret properties that have a value
 * @param publicPath where its public routes answer
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record ChannelView(String id, String type, String name, boolean enabled, String status, Optional<String> error,
                          ChannelHealth health, Map<String, Object> config, List<String> secretsSet, String publicPath,
                          Instant createdAt, Instant updatedAt) {
}
