package org.opencem.core.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapper of the server, with explicit limits on what a request body may contain so a
 * hostile body cannot exhaust memory or stack.
 */
public final class Json {

    /** Limits for any JSON the server parses. */
    public static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(64)
            .maxStringLength(1_000_000)
            .maxNumberLength(100)
            .maxNameLength(1_000)
            .maxDocumentLength(100_000_000)
            .build();

    /** The mapper: ISO-8601 times, unknown properties tolerated only where a reader says so. */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build())
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {
    }

    /** Applies {@link #LIMITS} to every Jackson factory created afterwards, Vert.x's own included. */
    public static void limitEveryParser() {
        StreamReadConstraints.overrideDefaultStreamReadConstraints(LIMITS);
    }
}
