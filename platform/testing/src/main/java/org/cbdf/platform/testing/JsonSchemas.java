package org.cbdf.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates an event payload against the JSON Schema its contract module publishes for the event type,
 * e.g. {@code /schemas/transfer.submitted.v1.json}.
 */
public final class JsonSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private JsonSchemas() {
    }

    /** The problems found, empty if {@code json} is valid against the schema of {@code eventType}. */
    public static Set<String> problems(String eventType, String json) {
        String resource = "/schemas/" + eventType + ".json";
        try (InputStream schemaStream = JsonSchemas.class.getResourceAsStream(resource)) {
            if (schemaStream == null) {
                return Set.of("no JSON Schema on the classpath at " + resource);
            }
            JsonSchema schema = FACTORY.getSchema(schemaStream);
            Set<ValidationMessage> messages = schema.validate(json, com.networknt.schema.InputFormat.JSON);
            return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
