package org.cbdf.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

class PageCursorTests {

    @Test
    void aCursorReadsBackAsThePositionItWasMadeOf() {
        var cursor = new PageCursor(Instant.parse("2026-03-01T10:15:30.123456Z"),
                UUID.fromString("0b6c3d1e-3f43-4bb5-9a43-8d5d0e1f2a3b"));

        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
        assertThat(PageCursor.read(cursor.encode())).contains(cursor);
        assertThat(PageCursor.read(null)).as("no cursor: the first page").isEmpty();
    }

    @Test
    void aCursorTheListDidNotHandOutIsA400NamingTheParameter() {
        String noComma = base64("2026-03-01T10:15:30Z");
        String notAnInstant = base64("yesterday,0b6c3d1e-3f43-4bb5-9a43-8d5d0e1f2a3b");
        String notAnId = base64("2026-03-01T10:15:30Z,42");
        // an instant no database column holds would fail the query, not the request
        String beyondTime = base64("+1000000000-12-31T23:59:59Z,0b6c3d1e-3f43-4bb5-9a43-8d5d0e1f2a3b");
        for (String malformed : List.of("", "not base64!", "%%%", noComma, notAnInstant, notAnId, beyondTime)) {
            ErrorResponseException refused = catchThrowableOfType(ErrorResponseException.class,
                    () -> PageCursor.read(malformed));

            assertThat(refused).as(malformed).isNotNull();
            assertThat(refused.getStatusCode().value()).isEqualTo(400);
            assertThat(refused.getBody().getProperties().get("errors")).as(malformed)
                    .isEqualTo(List.of(new FieldError("cursor", "is not a cursor this list handed out; pass "
                            + "nextCursor of the previous page as is")));
        }
    }

    @Test
    void onlyTheFirstPageMayStillBeAskedForByNumber() {
        assertThatNoException().isThrownBy(() -> PageCursor.refuseLaterPageNumbers(null));
        assertThatNoException().isThrownBy(() -> PageCursor.refuseLaterPageNumbers(0));

        ErrorResponseException refused = catchThrowableOfType(ErrorResponseException.class,
                () -> PageCursor.refuseLaterPageNumbers(1));

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().getDetail()).startsWith("page: ").contains("cursor", "nextCursor");
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
