package org.cbdf.audit.ledger;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes ledger entries as NDJSON, one {@link LedgerEntryView} object per line, straight from the database cursor to
 * the output: columns read by position, written by one streaming generator, and the payload copied from the stored
 * canonical leaf as it is, without building it as a tree and writing it again. The lines are what the JSON listing
 * serialises for the same entries.
 */
final class LedgerEntryLines implements AutoCloseable {

    private static final SerializedString LEAF_INDEX = new SerializedString("leafIndex");
    private static final SerializedString EVENT_ID = new SerializedString("eventId");
    private static final SerializedString SOURCE = new SerializedString("source");
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString SUBJECT = new SerializedString("subject");
    private static final SerializedString TIME = new SerializedString("time");
    private static final SerializedString AGGREGATE_TYPE = new SerializedString("aggregateType");
    private static final SerializedString AGGREGATE_ID = new SerializedString("aggregateId");
    private static final SerializedString AGGREGATE_VERSION = new SerializedString("aggregateVersion");
    private static final SerializedString ORGANIZATION = new SerializedString("organization");
    private static final SerializedString JURISDICTIONS = new SerializedString("jurisdictions");
    private static final SerializedString TOPIC = new SerializedString("topic");
    private static final SerializedString DATA = new SerializedString("data");
    private static final SerializedString LEAF_HASH = new SerializedString("leafHash");
    private static final SerializedString APPENDED_AT = new SerializedString("appendedAt");
    private static final SerializableString NO_SEPARATOR = new SerializedString("");

    private final JsonMapper json;
    private final JsonGenerator out;
    private final int flushEvery;
    private long written;

    /** @param flushEvery lines after which what was written is pushed to the client */
    LedgerEntryLines(JsonMapper json, OutputStream stream, int flushEvery) {
        this.json = json;
        // the caller owns the stream: closing the lines flushes it, it does not close it
        this.out = json.writer().withRootValueSeparator(NO_SEPARATOR)
                .without(StreamWriteFeature.AUTO_CLOSE_TARGET).createGenerator(stream);
        this.flushEvery = flushEvery;
    }

    /** Writes the entry at the cursor's row, selected with {@link LedgerEntries#COLUMNS}' columns in their order. */
    void write(ResultSet row) throws SQLException {
        out.writeStartObject();
        out.writeName(LEAF_INDEX);
        out.writeNumber(row.getLong(1));
        text(EVENT_ID, row.getString(2));
        text(SOURCE, row.getString(3));
        text(TYPE, row.getString(4));
        text(SUBJECT, row.getString(5));
        instant(TIME, row.getObject(6, OffsetDateTime.class));
        text(AGGREGATE_TYPE, row.getString(7));
        text(AGGREGATE_ID, row.getString(8));
        out.writeName(AGGREGATE_VERSION);
        out.writeNumber(row.getLong(9));
        text(ORGANIZATION, row.getString(10));
        out.writeName(JURISDICTIONS);
        out.writeStartArray();
        Array jurisdictions = row.getArray(11);
        if (jurisdictions != null) {
            for (Object code : (Object[]) jurisdictions.getArray()) {
                out.writeString((String) code);
            }
        }
        out.writeEndArray();
        text(TOPIC, row.getString(12));
        out.writeName(DATA);
        payload(row.getBytes(13));
        text(LEAF_HASH, Base64.getEncoder().encodeToString(row.getBytes(14)));
        instant(APPENDED_AT, row.getObject(15, OffsetDateTime.class));
        out.writeEndObject();
        out.writeRaw('\n');
        if (++written % flushEvery == 0) {
            out.flush();
        }
    }

    /**
     * The leaf's {@code data} member copied as it is stored (RFC 8785 canonical JSON, so valid JSON on its own), or
     * its {@code data_base64} text when the payload was not JSON — what {@link EventLeaf#payloadOf} reads.
     */
    private void payload(byte[] leaf) {
        try (JsonParser parser = json.createParser(leaf)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("a stored leaf is not a JSON object");
            }
            String base64 = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("data")) {
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    // to its end: an object or array skipped, a string read (strings are read lazily)
                    parser.skipChildren();
                    parser.finishToken();
                    int end = (int) parser.currentLocation().getByteOffset();
                    out.writeRawValue(new String(leaf, start, end - start, StandardCharsets.UTF_8));
                    return;
                }
                if (name.equals("data_base64") && value == JsonToken.VALUE_STRING) {
                    base64 = parser.getString();
                }
                parser.skipChildren();
            }
            if (base64 != null) {
                out.writeString(base64);
            } else {
                out.writeNull();
            }
        }
    }

    private void text(SerializedString name, String value) {
        out.writeName(name);
        if (value == null) {
            out.writeNull();
        } else {
            out.writeString(value);
        }
    }

    private void instant(SerializedString name, OffsetDateTime value) {
        text(name, value == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
    }

    @Override
    public void close() {
        out.close();
    }
}
