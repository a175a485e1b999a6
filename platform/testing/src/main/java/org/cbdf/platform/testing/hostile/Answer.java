package org.cbdf.platform.testing.hostile;

import static org.cbdf.platform.testing.hostile.Texts.*;

import java.util.Locale;

/** The status, the media type and (up to 1 MiB of) the body of an answer; a stream's body is not read. */
public record Answer(int status, String contentType, String body) {

    public String mediaType() {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return status + " " + contentType + " " + abbreviate(body, 600);
    }
}
