package org.cbdf.platform.observability;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

@AutoConfiguration
public class ObservabilityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    QueryGauges queryGauges(MeterRegistry registry,
            @Value("${cbdf.observability.gauge-refresh:PT15S}") Duration interval) {
        return new QueryGauges(registry, interval);
    }
}
