package org.cbdf.platform.testing.hostile;

import static org.cbdf.platform.testing.hostile.HostileCases.*;
import static org.cbdf.platform.testing.hostile.Texts.*;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A request to send, without its bearer token, and what its answer must be. */
public record Case(String kind, String label, String method, String target, Map<String, String> headers,
        byte[] body, Expect expect) {

    /** Enough to see what was sent and to send it again. */
    public String describe() {
        StringBuilder text = new StringBuilder(label).append(": ").append(method).append(' ')
                .append(abbreviate(target, 400)).append("\n  expect ").append(expect);
        headers.forEach((name, value) -> text.append("\n  ").append(name).append(": ")
                .append(abbreviate(value, 200)));
        if (body != null) {
            text.append("\n  body (").append(body.length).append(" bytes): ")
                    .append(abbreviate(new String(body, StandardCharsets.UTF_8), 600));
        }
        return text.append("\n  again: -Dcbdf.hostile.seed=").append(SEED).toString();
    }

    @Override
    public String toString() {
        return label;
    }
}
