package org.opencem.core.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.opencem.core.http.Json;

/**
 * SHA-256 of a JSON value written canonically: object members sorted by name, no white space. Two bodies that
 * differ only in member order or spacing hash alike, so a client's retry is recognised as the same event.
 */
final class CanonicalJson {

    private CanonicalJson() {
    }

    /** @param value any JSON value @return the hex SHA-256 of its canonical form */
    static String sha256(JsonNode value) {
        MessageDigest digest = sha256();
        try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(new DigestStream(digest))) {
            write(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void write(JsonNode value, JsonGenerator out) throws IOException {
        if (value.isObject()) {
            List<String> names = new ArrayList<>(value.size());
            value.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.writeStartObject();
            for (String name : names) {
                out.writeFieldName(name);
                write(value.get(name), out);
            }
            out.writeEndObject();
        } else if (value.isArray()) {
            out.writeStartArray();
            for (JsonNode item : value) {
                write(item, out);
            }
            out.writeEndArray();
        } else {
            out.writeTree(value);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Feeds the generator's bytes to the digest instead of keeping them. */
    private static final class DigestStream extends OutputStream {

        private final MessageDigest digest;

        DigestStream(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        public void write(int b) {
            digest.update((byte) b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            digest.update(bytes, offset, length);
        }
    }
}
