package org.opencem.core.http.openapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reads values out of the OpenAPI document by JSON pointer, following local {@code $ref}s the way a schema
 * validator does, so an error's keyword location ({@code #/properties/role/$ref/enum}) leads back to the
 * keyword's value (the enum's members) for a readable message.
 */
final class SchemaPointer {

    private final JsonObject document;

    SchemaPointer(JsonObject document) {
        this.document = document;
    }

    /** @param ref a local reference, {@code #/components/schemas/Event} @return what it points at */
    Object resolve(String ref) {
        if (!ref.startsWith("#")) {
            throw new IllegalStateException("only local references are supported in the OpenAPI document: " + ref);
        }
        return walk(document, ref);
    }

    /** @param node a node that may be a {@code $ref} object @return the node it stands for */
    Object dereference(Object node) {
        Object current = node;
        while (current instanceof JsonObject object && object.getValue("$ref") instanceof String ref) {
            current = resolve(ref);
        }
        return current;
    }

    /**
     * @param root where the pointer starts
     * @param pointer a JSON pointer with a leading {@code #}, whose {@code $ref} segments are followed
     * @return the value there, or {@code null} when there is none
     */
    Object walk(Object root, String pointer) {
        // A validator may report locations from the referenced schema or through the reference: both lead here.
        Object current = dereference(root);
        String path = pointer.startsWith("#") ? pointer.substring(1) : pointer;
        if (path.isEmpty()) {
            return current;
        }
        for (String raw : path.substring(1).split("/", -1)) {
            String segment = raw.replace("~1", "/").replace("~0", "~");
            if (segment.equals("$ref")) {
                current = dereference(current);
            } else if (current instanceof JsonObject object) {
                current = object.getValue(segment);
            } else if (current instanceof JsonArray array && segment.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(segment);
                current = index < array.size() ? array.getValue(index) : null;
            } else {
                return null;
            }
        }
        return current;
    }
}
