package org.cbdf.portal.apis;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/** Reads a {@code text/event-stream} (the WHATWG event stream format): events, their names and data. */
final class ServerSentEvents {

    /** One event: its name ({@code message} unless the stream names it) and its data lines joined. */
    record Event(String name, String data) {
    }

    private ServerSentEvents() {
    }

    /** Hands each complete event to {@code events} until the stream ends. */
    static void read(BufferedReader stream, Consumer<Event> events) throws IOException {
        String name = null;
        StringBuilder data = null;
        for (String line = stream.readLine(); line != null; line = stream.readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.accept(new Event(name == null ? "message" : name, data.toString()));
                }
                name = null;
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue; // a comment, e.g. a keep-alive
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> name = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                    // id and retry concern the portal's own connection, not what it relays
                }
            }
        }
    }
}
