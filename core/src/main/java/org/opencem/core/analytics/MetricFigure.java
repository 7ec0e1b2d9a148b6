package org.opencem.core.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.TreeMap;
import org.opencem.api.metric.MetricValue;

/**
 * A metric's value as the API answers it.
 *
 * @param value the value; null when there is no answer
 * @param n the number of answers
 * @param moe the 95% margin of error; null when unknown
 * @param details the metric's secondary figures by name
 */
public record MetricFigure(@JsonInclude(JsonInclude.Include.ALWAYS) Double value, long n,
                           @JsonInclude(JsonInclude.Include.ALWAYS) Double moe, Map<String, Double> details) {

    /** @param value a metric's computed value @return it as answered */
    static MetricFigure of(MetricValue value) {
        return new MetricFigure(value.value().isPresent() ? value.value().getAsDouble() : null, value.n(),
                value.marginOfError().isPresent() ? value.marginOfError().getAsDouble() : null, new TreeMap<>(value.details()));
    }
}
