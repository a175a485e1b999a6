package org.cbdf.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceContextTests {

    @Test
    void workCausedByAnEventCarriesItsTraceOn() {
        String incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        assertThat(TraceContext.within(incoming, TraceContext::currentOrNew)).isEqualTo(incoming);
    }

    @Test
    void withoutATraceANewValidOneStarts() {
        String fresh = TraceContext.currentOrNew();
        assertThat(TraceContext.isValid(fresh)).isTrue();
        assertThat(TraceContext.currentOrNew()).isNotEqualTo(fresh);
        assertThat(TraceContext.within("garbage", TraceContext::currentOrNew)).matches(TraceContext::isValid);
    }
}
